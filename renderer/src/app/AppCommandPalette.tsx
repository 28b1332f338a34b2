// The command palette with the app's commands. Mounted only while open, so the lists it offers
// (containers, pods) are not watched while it is closed.
import { useShallow } from 'zustand/react/shallow';
import { CommandPalette } from '../components/CommandPalette.js';
import { usePaletteStore } from '../stores/palette-store.js';
import { useAppCommands } from './app-commands.js';

function OpenPalette({ onClose }: { onClose(): void }) {
  const commands = useAppCommands();
  return <CommandPalette commands={commands} onClose={onClose} />;
}

export function AppCommandPalette() {
  const [open, setOpen] = usePaletteStore(useShallow((s) => [s.open, s.setOpen] as const));
  return open ? <OpenPalette onClose={() => setOpen(false)} /> : null;
}
