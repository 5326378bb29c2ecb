// Builds and installs the application menu from electron/app/menu-template.ts.
import { Menu } from 'electron';
import { menuTemplate, type MenuActions, type MenuState } from '../app/menu-template';

export function installMenu(state: MenuState, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(state, actions)));
}
