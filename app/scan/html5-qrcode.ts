/**
 * The parts of html5-qrcode 2.3.8 (pinned exactly) the scanner uses, imported from their own
 * modules: the package's index also pulls in Html5QrcodeScanner, its ready-made UI with inline
 * images, which we replace with our own (about 10 KB gzipped saved on /scan).
 */
export { Html5Qrcode } from "html5-qrcode/esm/html5-qrcode";
export { Html5QrcodeSupportedFormats } from "html5-qrcode/esm/core";
export { Html5QrcodeScannerState } from "html5-qrcode/esm/state-manager";
