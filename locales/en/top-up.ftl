# Messages are HTML (parse_mode HTML): variables are escaped by the code.

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
