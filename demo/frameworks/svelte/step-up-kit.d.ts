// The kit's Svelte typing for its elements, as the package ships it: typed properties and
// `on<event>` handlers (`onelevated`) for every <step-up-*> tag.
import type {} from 'step-up-kit/svelte';
