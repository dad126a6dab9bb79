/** A product the associate can put in a look, whichever list it came from. */
export interface Pick { id: string; name: string; brand: string | null; priceMinor: number; onHand: number | null }

