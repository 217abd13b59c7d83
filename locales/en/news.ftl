# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Broadcasts as travellers see them: the opt-out button and commands
news-stop-button = 🔕 Stop news
news-stopped = 🔕 Done: no more news from us. Your eSIMs, top-ups and balance alerts are not affected. Send /start_news to get news again.
news-already-stopped = You already get no news from us. Send /start_news to get it again.
news-started = 🔔 You will get our news and offers again. Send /stop_news to stop them.
news-already-started = You already get our news. Send /stop_news to stop it.
