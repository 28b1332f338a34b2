// A 16x16 PNG (an anchor ring in Berth's teal) for the tray, inline so the packaged app needs no
// icon file at a path that differs between AppImage, deb, dmg and nsis layouts.
export const TRAY_ICON_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAQklEQVR42mNgoAWQ75r3HxumSDNRhqArxMbGaQghm/G6BJcEPjEUcVxOI1p8GBlAdiASUkyMqyhPSFRJylTJTKQCALzQ5+WPyOMxAAAAAElFTkSuQmCC';
