# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Installing an eSIM: steps and copy buttons
install-steps =
    <b>iPhone</b> (iOS 17.4+): нажмите «Установить на iPhone» ниже. Или: Настройки → Сотовая связь → Добавить eSIM → Использовать QR-код → Ввести данные вручную и вставьте оба кода.
    <b>Android</b>: Настройки → Сеть и интернет (Samsung: Подключения → Диспетчер SIM-карт) → SIM-карты → Добавить eSIM → Ввести код вручную и вставьте коды.
install-copy-smdp = 📋 Копировать адрес SM-DP+
install-copy-code = 📋 Копировать код активации
