import { mount } from 'svelte';
import 'step-up-kit/components';
import App from './App.svelte';

mount(App, { target: document.querySelector('#app')! });
