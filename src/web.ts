/** `npm run web`: the web chat and the staff dashboard (and, with TELEGRAM_BOT_TOKEN, the bot beside them). */
process.env.WEB = 'true';
await import('./main.ts');
