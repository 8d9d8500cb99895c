import { createApp } from 'vue';
import 'step-up-kit/components';
import App from './App.vue';

createApp(App).mount('#app');
