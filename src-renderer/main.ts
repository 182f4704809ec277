import './styles/app.css';
// First, before the rest of the window's code is evaluated: main builds and sends the snapshot meanwhile.
import { early } from './lib/ask-early';
import { openWindow } from './window';

openWindow(document.getElementById('app')!, early);
