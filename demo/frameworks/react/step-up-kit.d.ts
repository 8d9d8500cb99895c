// The kit's JSX typing for its elements, as the package ships it: typed props and `on<event>`
// handlers (`onelevated`) for every <step-up-*> tag.
import type {} from 'step-up-kit/react';
