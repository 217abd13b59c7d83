/**
 * The devices that take an eSIM, shown before payment when a provider does
 * not list its own (octopus) and served by the built-in fakes.
 */

/** eSIM-capable phones and tablets, by family. */
export const COMPATIBLE_DEVICES: readonly string[] = [
  "iPhone XS, iPhone XS Max, iPhone XR and newer (iOS 12.1 or later)",
  "iPhone SE (2nd generation, 2020) and newer",
  "iPad Pro 11-inch and 12.9-inch (2018) and newer, cellular models",
  "iPad Air (3rd generation, 2019) and newer, cellular models",
  "iPad mini (5th generation, 2019) and newer, cellular models",
  "iPad (7th generation, 2019) and newer, cellular models",
  "Google Pixel 2, Pixel 2 XL and newer",
  "Samsung Galaxy S20, S21, S22, S23, S24 and S25 series",
  "Samsung Galaxy Note20 and Note20 Ultra",
  "Samsung Galaxy Z Fold and Z Flip (all generations)",
  "Samsung Galaxy A35 5G, A54 5G, A55 5G and newer",
  "Motorola razr (2019) and newer, edge 40 and newer",
  "Xiaomi 12T Pro, Xiaomi 13, 13 Pro, 14 and newer",
  "OnePlus 11, OnePlus 12 and newer",
  "OPPO Find X3 Pro, Find X5, Find N2 Flip and newer",
  "Sony Xperia 1 IV, 5 IV, 10 IV and newer",
  "Huawei P40, P40 Pro, Mate 40 Pro",
  "Honor Magic4 Pro, Magic5 Pro and newer",
  "Fairphone 4 and Fairphone 5",
  "Microsoft Surface Pro X, Surface Duo",
];
