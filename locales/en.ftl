# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Main menu
start-greeting =
    👋 Hi, { $name }! I sell travel eSIMs: mobile data in 190+ countries, delivered right here as a QR code in about a minute.

    Pick a destination, a data amount and how many days you need, pay with Telegram, and scan the QR before you fly. Validity starts only when the eSIM first connects abroad.
menu-buy = 🛒 Buy an eSIM
menu-mysims = 📱 My eSIMs
menu-language = 🌐 Language
menu-help = ❓ Help
help =
    <b>How it works</b>
    1. /buy — choose where you travel, how much data and for how long.
    2. Pay with Telegram. You get a QR code and manual install codes here.
    3. Install the eSIM at home on Wi-Fi; it starts counting when it first connects at your destination.

    /buy — buy an eSIM
    /mysims — your eSIMs: balance, top-up, QR again
    /language — change the language
    /cancel — stop what you are doing

## Language
language-choose = Choose your language:
language-changed = Language set to English.

## Generic answers
cancelled = Cancelled. Send /buy whenever you are ready.
nothing-to-cancel = There is nothing to cancel. Send /buy to get an eSIM.
button-expired = This button has expired. Send /buy to start again.
button-not-active = That button is no longer active — use the latest message.
unknown-command = I don't know that command. Try /buy, /mysims, /language or /help.
fallback-text = I can sell you a travel eSIM: send /buy to start, or /help to see how it works.
fallback-media = I can only read text and buttons. Send /buy to get an eSIM.
group-only-private = I sell eSIMs in a private chat, so your codes stay yours. Tap to open it:
group-open-private = Open the bot
shop-unavailable = The eSIM catalog is being updated. Please try again in a few minutes.

## Purchase conversation
buy-destination =
    🌍 <b>Where are you travelling?</b>

    Type a country — e.g. <i>Japan</i>, <i>JP</i> or 🇯🇵 — or pick one below.
buy-regions = 🗺 <b>Regional and worldwide plans</b> work in many countries with one eSIM. Choose a region:
buy-regions-button = 🗺 Regions & worldwide
buy-popular-button = ⭐ Popular countries
buy-search-ambiguous = 🔎 Which one did you mean?
buy-search-none = 🤷 I couldn't find “{ $query }”. Check the spelling, or type the country in English or as a code like JP.
buy-search-suggestions = 🤷 I couldn't find “{ $query }”. Did you mean one of these?
buy-search-not-sold = 😔 We have no plans for { $country } yet.
buy-search-not-sold-covering = 😔 We have no plans just for { $country }, but these plans cover it:
buy-data =
    { $flag } <b>{ $destination }</b>

    📶 How much data do you need?
buy-data-option = { $data } · from { $price }
buy-validity =
    { $flag } <b>{ $destination }</b> · { $data }

    📅 For how long?
buy-validity-option = { $days ->
        [one] { $days } day · { $price }
       *[other] { $days } days · { $price }
    }
buy-summary =
    { $flag } <b>{ $plan }</b>

    📶 Data: <b>{ $data }</b>
    📅 Validity: <b>{ $days ->
        [one] { $days } day
       *[other] { $days } days
    }</b> — starts at first connection, not at purchase
    💰 Price: <b>{ $price }</b>
    🗺 Coverage: { $coverage }
    📡 Networks: { $operators }

    📱 Your phone must support eSIM and be carrier-unlocked: { $devices }
buy-summary-coverage-more = { $list } and { $more } more
buy-summary-operators-unknown = the best local networks
buy-devices-button = 📱 Compatible devices
buy-devices =
    📱 <b>eSIM-compatible devices</b>

    { $devices }

    To check yours: iPhone — Settings → General → About, look for “Digital SIM” or “Available SIM”; Android — Settings → Connections → SIM manager, look for “Add eSIM”.
buy-pay-button = 💳 Pay { $price }
buy-back = ⬅️ Back
buy-cancel = ✖️ Cancel
buy-invoice-sent = 👇 Here is your invoice. Your eSIM arrives in this chat right after payment.
buy-plan-gone = 😔 This plan is no longer sold. Please choose another one.
buy-use-buttons = Please choose with the buttons above, type a destination, or send /cancel.
buy-use-buttons-only = Please choose with the buttons above, or send /cancel.
invoice-title = eSIM { $plan }
invoice-description = { $data }, { $days ->
        [one] { $days } day
       *[other] { $days } days
    } from first connection. Delivered in this chat as a QR code.
invoice-label = eSIM { $plan }

## Regions (destination names)
region-europe = Europe
region-asia = Asia
region-north-america = North America
region-latin-america = Latin America
region-caribbean = Caribbean
region-middle-east = Middle East
region-africa = Africa
region-oceania = Oceania
region-balkans = Balkans
region-global = Worldwide

## Payment
precheckout-unknown-order = This invoice is not valid any more. Please start again with /buy.
precheckout-wrong-user = This invoice belongs to someone else. Send /buy to get your own.
precheckout-already-paid = This order is already paid. Your eSIM is on its way in the chat.
precheckout-not-sold = This plan is no longer sold. Please choose another with /buy.
precheckout-price-changed = The price of this plan has changed. Please start again with /buy to see the new price.
payment-received = ✅ Payment received. Preparing your eSIM — it usually takes under a minute.
payment-duplicate-refunded = You paid twice for order { $order }. The second payment of { $price } has been refunded.
payment-duplicate-manual = You paid twice for order { $order }. We will refund the second payment of { $price } shortly.
payment-unknown-order-refunded = We could not match your payment to an order, so it has been refunded. Please start again with /buy.
payment-unknown-order-manual = We could not match your payment to an order. We will refund it shortly; please start again with /buy.

## Delivery
delivery-preparing = ⏳ Your eSIM is being prepared. The provider is slow right now — I will send it here as soon as it is ready. You don't need to do anything.
delivery-caption =
    ✅ <b>Your eSIM is ready: { $plan }</b>

    Scan this QR code: iPhone — Settings → Mobile Service → Add eSIM → Use QR Code; Android — Settings → Connections → SIM manager → Add eSIM.
delivery-details =
    <b>Manual installation</b>
    SM-DP+ address:
    <code>{ $smdp }</code>
    Activation code:
    <code>{ $code }</code>

    <b>iPhone</b> (iOS 17.4+): tap “Install on iPhone” below. Or Settings → Mobile Service → Add eSIM → Use QR Code → Enter Details Manually.
    <b>Android</b>: Settings → Connections → SIM manager → Add eSIM → Scan QR code, or enter the code manually.

    Then turn on <b>Data Roaming</b> for this eSIM when you arrive.

    ⚠️ A QR code installs only once — don't delete the eSIM from your phone after installing it.
    📅 Validity ({ $days ->
        [one] { $days } day
       *[other] { $days } days
    }) starts at first connection. ICCID …{ $iccidTail }
delivery-install-iphone = 📲 Install on iPhone
refund-automatic = 😔 We couldn't get your eSIM ({ $plan }) from our provider in time, so your payment of { $price } has been refunded. Sorry about that — please try again later with /buy.
refund-manual = 😔 We couldn't get your eSIM ({ $plan }) from our provider in time. Your payment of { $price } will be refunded by our team shortly. Sorry about that.

## Operator alerts (to ADMIN_IDS)
admin-refund-needed =
    ⚠️ Manual refund needed
    Order: <code>{ $order }</code>
    User: <code>{ $user }</code>
    Amount: { $price }
    Charge: <code>{ $charge }</code>
    Reason: { $reason }
admin-unknown-payment =
    ⚠️ Payment for an unknown order
    Payload: <code>{ $payload }</code>
    User: <code>{ $user }</code>
    Amount: { $price }
    Charge: <code>{ $charge }</code>

## Lifecycle notifications
notify-activated =
    📶 <b>Your eSIM for { $destination } is connected!</b>

    You have { $data } to use until { $until }.
notify-data-low =
    ⚠️ <b>Your { $destination } eSIM is running low</b>: { $left } of { $data } left.

    Top up now to stay connected.
notify-expiring-soon =
    ⏳ <b>Your { $destination } eSIM expires soon</b>: { $until }.

    Top up to extend it without reinstalling.
notify-expired-data = ⌛ <b>Your { $destination } eSIM has used all its data.</b> Buy a new plan to stay connected.
notify-expired-time = ⌛ <b>Your { $destination } eSIM has expired.</b> Buy a new plan for your next trip.
notify-topup-button = ➕ Top up
notify-buy-again-button = 🔁 Buy again

## My eSIMs (/mysims)
mysims-header = 📱 <b>Your eSIMs</b> ({ $count })
mysims-empty = You have no eSIMs yet. Buy one for your next trip — it arrives here in about a minute.
mysims-inline-button = 🔎 Check from any chat: @{ $bot }
mysims-back-button = ‹ All my eSIMs
mysims-open-button = 📱 My eSIMs
esim-card-title = { $flag } <b>{ $destination }</b> · { $plan }
esim-status-issued = ⏳ Waiting for installation
esim-status-active = ✅ Active
esim-status-expired = ⌛ Expired
esim-card-data = { $bar } { $left } of { $total } left ({ $used } used)
esim-validity-not-started = 📅 Validity starts at first connection ({ $days ->
        [one] { $days } day
       *[other] { $days } days
    })
esim-validity-days-left = 📅 { $days ->
        [one] { $days } day
       *[other] { $days } days
    } left, until { $until }
esim-validity-hours-left = 📅 { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    } left, until { $until }
esim-validity-ended = 📅 Ended { $until }
esim-card-iccid = ICCID …{ $tail }
esim-checked = Updated { $ago }
esim-checked-just-now = just now
esim-refresh-button = 🔄 Refresh
esim-qr-button = 📷 Show QR again
esim-qr-installed = This eSIM is already installed. A QR code installs only once, so there is nothing to scan again.
esim-not-yours = This eSIM is not in your account.

## Top-up
topup-choose =
    ➕ <b>Top up your { $flag } { $destination } eSIM</b> (…{ $tail })
    Now: { $left } left. { $validity }

    Choose what to add — no need to reinstall:
topup-option = +{ $data } · +{ $days ->
        [one] { $days } day
       *[other] { $days } days
    } — { $price }
topup-cancel-button = ‹ Back
topup-option-gone = This option is no longer sold. Please pick another one.
topup-expired = ⌛ Your { $flag } <b>{ $destination }</b> eSIM has expired and can't be topped up any more. Buy a new plan for the same destination?
topup-not-sold = Top-ups for your { $flag } <b>{ $destination }</b> eSIM are not sold right now. You can buy a new plan instead.
topup-invoice-title = Top-up: { $destination }
topup-invoice-description = Adds { $data } and { $days ->
        [one] { $days } day
       *[other] { $days } days
    } to your eSIM …{ $tail }. No reinstall needed.
topup-invoice-label = +{ $data }, +{ $days ->
        [one] { $days } day
       *[other] { $days } days
    }
topup-preparing = ⏳ Your top-up is being processed. The provider is slow right now — I will confirm here as soon as it is done.
topup-applied = ✅ <b>Top-up added: +{ $data }, +{ $days ->
        [one] { $days } day
       *[other] { $days } days
    }.</b>
topup-refund-automatic = 😔 We couldn't add your top-up ({ $plan }) in time, so your payment of { $price } has been refunded. Sorry about that.
topup-refund-manual = 😔 We couldn't add your top-up ({ $plan }) in time. Your payment of { $price } will be refunded by our team shortly. Sorry about that.
precheckout-esim-expired = This eSIM has expired, so it can't be topped up. Open /mysims to buy a new plan.

## Inline mode (@bot in any chat)
inline-open-bot = Open the bot
inline-open-mysims = 📱 Open My eSIMs
inline-esim-title = { $flag } { $destination }: { $left } of { $total } left
inline-plan-title = { $flag } { $destination } · { $data } · { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
inline-plan-description = { $price } · validity starts at first connection
inline-plan-buy = 🛒 Buy in the bot
inline-plan-card =
    { $flag } <b>{ $destination } eSIM</b>: { $data } for { $days ->
        [one] { $days } day
       *[other] { $days } days
    } — { $price }
    Delivered in Telegram as a QR code; validity starts at first connection.
