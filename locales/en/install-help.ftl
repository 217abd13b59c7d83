# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Installing an eSIM: steps and copy buttons
install-steps =
    <b>iPhone</b> (iOS 17.4+): tap “Install on iPhone” below. Or: Settings → Mobile Service → Add eSIM → Use QR Code → Enter Details Manually, and paste the two codes.
    <b>Android</b>: Settings → Network &amp; internet (Samsung: Connections → SIM manager) → SIMs → Add eSIM → Enter code manually, and paste the codes.
install-copy-smdp = 📋 Copy SM-DP+ address
install-copy-code = 📋 Copy activation code

## Troubleshooting (the reminders' "I need help")
install-help =
    🆘 <b>eSIM not working? Check these:</b>

    1. <b>Installed?</b> Settings → Mobile Service (Android: Network &amp; internet → SIMs) should list the eSIM. If not, install it again from the QR code or the codes — on Wi-Fi.
    2. <b>Line on:</b> the eSIM's line is turned on.
    3. <b>Data Roaming on</b> for the eSIM: abroad it is always roaming.
    4. <b>Mobile data</b> uses the eSIM, not your home SIM.
    5. <b>APN:</b> the eSIM sets it itself. If there is still no internet after a few minutes, open the eSIM's Access Point Names (APN) and pick the one it came with, never your home carrier's.
    6. Still nothing? Turn flight mode on and off, or restart the phone.
