// The server's rules for amounts in minor units (how many decimals each currency has), shared with the screens.
export { formatMinor, majorAmount } from '../../../src/modules/organisation/currency.ts';
