// Machine sizes as the user gave them (binary units, as `berth machine init --memory` takes MiB
// and --disk-size GiB): "2 GiB", "1536 MiB", "20 GiB".
export function memoryText(mebibytes: number): string {
  return mebibytes % 1024 === 0 ? `${mebibytes / 1024} GiB` : `${mebibytes} MiB`;
}

export function diskText(gibibytes: number): string {
  return `${gibibytes} GiB`;
}
