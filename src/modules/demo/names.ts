export const FIRST_NAMES_F = ['Camille', 'Léa', 'Chloé', 'Manon', 'Inès', 'Sarah', 'Emma', 'Louise', 'Alice', 'Juliette', 'Margaux', 'Clara', 'Zoé', 'Anaïs', 'Charlotte', 'Sophie', 'Amélie', 'Élodie', 'Isabelle', 'Nathalie', 'Olivia', 'Amelia', 'Isla', 'Ava', 'Grace', 'Freya', 'Harriet', 'Eleanor', 'Victoria', 'Priya', 'Yasmin', 'Aiko', 'Mei', 'Sofia', 'Giulia', 'Lucía', 'Hanna', 'Ingrid', 'Fatima', 'Nadia'];
export const FIRST_NAMES_M = ['Louis', 'Hugo', 'Gabriel', 'Arthur', 'Jules', 'Adam', 'Lucas', 'Raphaël', 'Antoine', 'Mathieu', 'Nicolas', 'Julien', 'Thomas', 'Pierre', 'Olivier', 'Oliver', 'George', 'Harry', 'Jack', 'William', 'James', 'Henry', 'Edward', 'Arjun', 'Omar', 'Kenji', 'Wei', 'Marco', 'Diego', 'Lars', 'Mehdi', 'Samuel'];
export const LAST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Wright', 'Walker', 'Thompson', 'Hughes', 'Evans', 'Clarke', 'Nakamura', 'Chen', 'Rossi', 'Fernández', 'Johansson', 'Haddad', 'Delacroix', 'Beaumont', 'Fontaine', 'Chevalier'];
export const CITIES_FR = ['Paris', 'Lyon', 'Marseille', 'Bordeaux', 'Lille', 'Nantes', 'Nice', 'Toulouse', 'Strasbourg', 'Versailles'];
export const CITIES_UK = ['London', 'Manchester', 'Edinburgh', 'Bristol', 'Leeds', 'Oxford', 'Cambridge', 'Brighton'];
export const STREETS = ['rue de Rivoli', 'avenue Montaigne', 'rue du Faubourg Saint-Honoré', 'boulevard Haussmann', 'rue de la Paix', 'quai des Célestins', 'place Bellecour', 'rue Sainte-Catherine'];
export const STREETS_UK = ['Bond Street', 'King\'s Road', 'Marylebone High Street', 'Sloane Square', 'Regent Street', 'George Street', 'Deansgate'];

/**
 * A mobile number in a range the numbering plan allocates, so the demo's customers pass the same E.164 check as
 * real ones (French 06 39 and 06 9x, and the UK's 07700 900 drama range, are not allocated and were refused).
 */
export function demoMobile(rng: { int(min: number, max: number): number }, country: string): string {
  const pair = () => String(rng.int(10, 99));
  if (country === 'FR') {
    const first = rng.int(10, 88);
    return `+33 6 ${first >= 39 ? first + 1 : first} ${pair()} ${pair()} ${pair()}`;
  }
  return `+44 74${rng.int(10, 99)} ${rng.int(100000, 999999)}`;
}
