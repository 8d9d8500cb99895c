// The kit's Vue template typing for its elements, as the package ships it: typed properties,
// `@elevated` / `@stepupcancel` handlers and template refs for every <step-up-*> tag.
import type {} from 'step-up-kit/vue';
