/**
 * The stylesheet (inline in every page: one request for a first page on a weak phone) and the one small
 * script (served at /web/app.js and cached): nothing else is needed, and with JavaScript off every form
 * still works.
 */

/** Shared by the chat and the dashboard: system fonts, big targets, readable at 360 px and 200% zoom. */
const BASE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:17px/1.6 system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1b1f24;background:#f3f5f7}
a{color:#0b57d0}
h1,h2,h3{line-height:1.3;margin:.2em 0 .5em}
h1{font-size:1.25rem}h2{font-size:1.1rem}h3{font-size:1rem}
p{margin:.4em 0}
.wrap{max-width:42rem;margin:0 auto;padding:.75rem}
.card{background:#fff;border-radius:12px;padding:1rem;margin:.75rem 0;box-shadow:0 1px 3px rgba(0,0,0,.08);overflow-wrap:anywhere}
.note{background:#eef4ff;border-left:4px solid #0b57d0}
.warn{background:#fff6e5;border-left:4px solid #c77700}
.err{background:#fdecec;border-left:4px solid #c62828}
.btn{display:block;width:100%;min-height:48px;margin:.5rem 0;padding:.7rem 1rem;font:inherit;font-weight:600;text-align:center;color:#fff;background:#0b57d0;border:0;border-radius:10px;cursor:pointer;text-decoration:none}
.btn.alt{color:#0b57d0;background:#e8f0fe}
.btn.quiet{color:#333;background:#e9ecef;font-weight:500}
.btn.danger{color:#fff;background:#c62828}
.btn:focus-visible,input:focus-visible,select:focus-visible,a:focus-visible,summary:focus-visible{outline:3px solid #f9ab00;outline-offset:2px}
.row{display:flex;gap:.5rem;flex-wrap:wrap}.row>.btn{flex:1 1 6rem;width:auto}
label{display:block;font-weight:600;margin:.5rem 0 .25rem}
input[type=text],input[type=password],input[type=number],input[type=file],select{width:100%;min-height:48px;padding:.5rem .75rem;font:inherit;border:1px solid #8a939c;border-radius:10px;background:#fff}
.muted{color:#5f6b76;font-size:.9rem}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

export const CHAT_CSS = `${BASE}
.top{background:#0b57d0;color:#fff}.top .wrap{padding:.6rem .75rem}.top h1{margin:0;font-size:1.1rem}
.bar{height:10px;background:#dfe6ee;border-radius:5px;overflow:hidden;margin:.4rem 0}.bar>span{display:block;height:100%;background:#1e8e3e}
.map{display:grid;grid-template-columns:repeat(auto-fill,minmax(2.6rem,1fr));gap:.3rem;list-style:none;padding:0;margin:.5rem 0}
.map li{text-align:center;border-radius:8px;padding:.3rem 0;font-size:.85rem;background:#e9ecef;color:#444}
.map li.done{background:#1e8e3e;color:#fff}.map li.current{background:#0b57d0;color:#fff;font-weight:700}.map li.na{background:#f3f5f7;color:#999;text-decoration:line-through}
.q p:first-child{color:#0b57d0;font-weight:600}
.text p{white-space:normal}
.summary{border-top:4px solid #1e8e3e}
.menu{margin-top:1rem}.menu .btn{min-height:44px;font-weight:500}
details summary{cursor:pointer;min-height:44px;padding:.6rem 0;font-weight:600}
.code{font:700 1.4rem/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.15em}
.copy{display:flex;flex-wrap:wrap;gap:.5rem}.copy input{flex:1 1 10rem}
`;

export const DASHBOARD_CSS = `${BASE}
body{font-size:16px}
.wrap{max-width:80rem}
.top{background:#123;color:#fff}.top .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem}
.top a{color:#fff}.top nav{display:flex;flex-wrap:wrap;gap:.25rem .9rem}.top nav a[aria-current]{font-weight:700;text-decoration:underline}
.top form{margin-left:auto}.top .btn{min-height:36px;padding:.3rem .8rem;margin:0;width:auto}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.5rem}
.kpi{background:#fff;border-radius:10px;padding:.6rem .8rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}.kpi b{display:block;font-size:1.5rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:.75rem}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.95rem}
th,td{border-bottom:1px solid #e3e7eb;padding:.45rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f3f6}
.scroll{overflow-x:auto}
.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}.filters>div{flex:1 1 10rem}.filters .btn{width:auto;margin:0}
.pager{display:flex;gap:1rem;align-items:center;margin:.5rem 0}
svg text{font:13px system-ui,sans-serif;fill:#1b1f24}
.legend{display:flex;flex-wrap:wrap;gap:.75rem;font-size:.85rem;list-style:none;padding:0}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.25rem;vertical-align:middle}
.btn.inline{display:inline-block;width:auto}
`;

/**
 * Progressive enhancement only: a pressed form's buttons are disabled at once (a second tap sends nothing;
 * the server refuses a resubmitted form anyway), and copy buttons copy their link.
 */
export const APP_JS = `(function(){
document.addEventListener('submit',function(e){var f=e.target;if(f.dataset.sent){e.preventDefault();return}f.dataset.sent='1';
setTimeout(function(){var b=f.querySelectorAll('button');for(var i=0;i<b.length;i++)b[i].disabled=true},0)});
document.addEventListener('click',function(e){var b=e.target.closest&&e.target.closest('[data-copy]');if(!b)return;
var i=document.getElementById(b.getAttribute('data-copy'));if(!i)return;i.select();
try{navigator.clipboard?navigator.clipboard.writeText(i.value):document.execCommand('copy');b.textContent=b.getAttribute('data-done')}catch(_){}});
})();`;
