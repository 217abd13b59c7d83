# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Installing an eSIM: steps and copy buttons
install-steps =
    <b>iPhone</b> (iOS 17.4+): tap “Install on iPhone” below. Or: Settings → Mobile Service → Add eSIM → Use QR Code → Enter Details Manually, and paste the two codes.
    <b>Android</b>: Settings → Network &amp; internet (Samsung: Connections → SIM manager) → SIMs → Add eSIM → Enter code manually, and paste the codes.
install-copy-smdp = 📋 Copy SM-DP+ address
install-copy-code = 📋 Copy activation code
