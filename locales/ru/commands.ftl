## The command menu next to the message field (set at start; plain text, up to 256 characters)
command-buy = Купить eSIM
command-mysims = Мои eSIM: баланс, пополнение, QR ещё раз
command-language = Сменить язык
command-help = Как это работает
command-cancel = Отменить текущее действие
