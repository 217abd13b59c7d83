## The command menu next to the message field (set at start; plain text, up to 256 characters)
command-buy = Buy an eSIM
command-mysims = My eSIMs: balance, top-up, QR again
command-language = Change the language
command-help = How it works
command-cancel = Stop what you are doing
