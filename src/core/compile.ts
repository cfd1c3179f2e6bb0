// re-exported until src/content and src/background import from card-data.ts and card.ts
export { cardData, entityStatus, isInForce } from './card-data.ts';
export type { CardData } from './card.ts';
