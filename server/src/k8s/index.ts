// Kubernetes primitives shared by manifests/ and cluster/ (quantities, label selectors, int-or-percent,
// name syntax). Pure: no I/O. Table-tested against Kubernetes' own unit-test tables (test/unit/k8s).
export {
  parseQuantity,
  isQuantity,
  compareQuantities,
  quantityDecimalString,
  QuantityError,
  QUANTITY_FORMAT_ERROR,
  type Quantity,
  type QuantityFormat,
} from './quantity';
export {
  parseLabelSelector,
  labelSelectorFromObject,
  selectorFromSet,
  selectorFromMap,
  selectorFromRequirements,
  newRequirement,
  requirementMatches,
  requirementToString,
  everything,
  nothing,
  SelectorError,
  type LabelSelector,
  type Selector,
  type Labels,
  type Requirement,
  type SelectorOperator,
} from './selector';
export { scaledValueFromIntOrPercent, isIntOrPercent, resolveFenceposts, IntOrPercentError } from './intstr';
export {
  isDNS1123Label,
  isDNS1123Subdomain,
  isDNS1035Label,
  isQualifiedName,
  isLabelKey,
  isLabelValue,
  isValidPortNum,
  isValidPortName,
  invalidValue,
  goValue,
} from './names';
