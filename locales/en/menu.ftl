# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Main menu
start-greeting =
    👋 Hi, { $name }! I sell travel eSIMs: mobile data in 190+ countries, delivered right here as a QR code in about a minute.

    Just type where you're going — <i>Japan</i> — or the whole plan — <i>Japan 5GB 7 days</i> — or tap a country below. Pay with Telegram and scan the QR before you fly. Validity starts only when the eSIM first connects abroad.
menu-buy = 🛒 Buy an eSIM
menu-mysims = 📱 My eSIMs
menu-language = 🌐 Language
menu-help = ❓ Help
help =
    <b>How it works</b>
    1. Type where you travel — <i>Japan</i>, or all at once: <i>Japan 5GB 7 days</i> — or send /buy.
    2. Pay with Telegram. You get a QR code and manual install codes here.
    3. Install the eSIM at home on Wi-Fi; it starts counting when it first connects at your destination.

    /buy — buy an eSIM
    /mysims — your eSIMs: balance, top-up, QR again
    /language — change the language
    /cancel — stop what you are doing
    /stop_news — no more news from us (/start_news to get them again)
