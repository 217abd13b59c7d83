# Messages are HTML (parse_mode HTML): variables are escaped by the code.

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
buy-devices-more = …and { $count } more.
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
