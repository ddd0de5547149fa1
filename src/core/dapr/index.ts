/**
 * Dapr behaviour in one place: how daprd reads components, registers bindings and delivers input-binding events.
 * Rules, the runtime diagnosis and the runner read it from here.
 */
export {entryOf, metadataItem} from './components.js';
export {directionAllows, directionOf, expectedPath, inputBindings, outputBindings, type Direction} from './bindings.js';
export {checkInputBindings, deliveryPathOf, isClose, likelyRoute, type InputCheck, type InputVerdict} from './delivery.js';
