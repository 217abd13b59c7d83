# Messages are HTML (parse_mode HTML): variables are escaped by the code.

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

    { $steps }

    Then turn on <b>Data Roaming</b> for this eSIM when you arrive.

    ⚠️ A QR code installs only once — don't delete the eSIM from your phone after installing it.
    📅 Validity ({ $days ->
        [one] { $days } day
       *[other] { $days } days
    }) starts at first connection. ICCID …{ $iccidTail }
delivery-install-iphone = 📲 Install on iPhone
refund-automatic = 😔 We couldn't get your eSIM ({ $plan }) from our provider in time, so your payment of { $price } has been refunded. Sorry about that — please try again later with /buy.
refund-manual = 😔 We couldn't get your eSIM ({ $plan }) from our provider in time. Your payment of { $price } will be refunded by our team shortly. Sorry about that.
