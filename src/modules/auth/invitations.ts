import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { associates, legalEntities } from '../organisation/schema.ts';
import { query, type Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { authErrors } from './errors.ts';
import { sendMail } from '../../mail/mailer.ts';
import { attachUser, insertAssociate, removePendingAssociate, type AssociateDetails } from '../organisation/service.ts';
import { associateInvitations, users } from './schema.ts';
import { hashPassword, verifyPassword, newToken, sha256 } from './passwords.ts';
import { normaliseEmail } from './sign-in-throttle.ts';
import type { Invitation } from './auth-schemas.ts';

/*
 * Associates created through the API are invited. Creating one does the same work whatever the address (it never
 * looks at the users table): a pending associate, an invitation and an email. The person accepts from the link: with
 * a new password when no account has the address, or as the owner of the existing account (signed in as them, or
 * with its password). Only then does the associate get its user and become active; the user's own name, email and
 * password are never changed from a legal entity.
 */

const VALID_DAYS = 7;
const GONE = 'This invitation link is not valid any more: it was used, declined or cancelled, or it has expired.';

type MailConfig = Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicBaseUrl'>;

export interface Inviter { legalEntityId: string; associateId: string; associateName: string }

function requireMail(config: MailConfig) {
  if (!config.smtpUrl) throw authErrors.email_not_configured( 'Associates are invited by email, and email is not configured (SMTP_URL).');
}

async function sendInvitation(db: Db, config: MailConfig, inv: { associateId: string; email: string; token: string; expiresAt: string }, inviter: Inviter) {
  const [row] = await db
    .select({ displayName: associates.displayName, legalEntity: legalEntities.name })
    .from(associates)
    .innerJoin(legalEntities, eq(legalEntities.id, associates.legalEntityId))
    .where(eq(associates.id, inv.associateId));
  const link = `${config.publicBaseUrl.replace(/\/$/, '')}/invitations/${inv.token}`;
  try {
    await sendMail(config, {
      to: inv.email,
      subject: `You are invited to join ${row.legalEntity} on Clienteling`,
      text: `${inviter.associateName} invites you to work in Clienteling for ${row.legalEntity}, as ${row.displayName}.\n\n`
        + `Accept or decline here (the link works once, until ${new Date(inv.expiresAt).toUTCString()}):\n${link}\n\n`
        + 'If you already have a Clienteling account with this email address, you accept with that account; otherwise you choose a password.\n'
        + 'If you did not expect this invitation, ignore this email.',
    });
  } catch {
    throw authErrors.invitation_email_failed('The invitation email could not be sent, so nothing was saved; try again later.');
  }
}

/** A pending associate and its invitation, emailed; nothing is saved if the email can't be sent. */
export async function inviteAssociate(db: Db, config: MailConfig, inviter: Inviter, input: AssociateDetails) {
  requireMail(config);
  const email = normaliseEmail(input.email);
  return db.transaction(async (tx) => {
    // Within one's own legal entity an address is used once (this says nothing about other legal entities).
    const [dup] = await tx.select({ id: associates.id }).from(associates)
      .where(and(eq(associates.legalEntityId, inviter.legalEntityId), eq(associates.email, email)));
    if (dup) throw authErrors.associate_email_taken('An associate of this legal entity already has this email address.', { field: 'email' });
    const [dupNumber] = await tx.select({ id: associates.id }).from(associates)
      .where(and(eq(associates.legalEntityId, inviter.legalEntityId), eq(associates.personnelNumber, input.personnelNumber)));
    if (dupNumber) throw authErrors.personnel_number_taken('An associate of this legal entity already has this personnel number.', { field: 'personnelNumber' });
    const associate = await insertAssociate(tx, inviter.legalEntityId, { ...input, email }, null);
    const token = newToken('inv');
    const expiresAt = new Date(Date.now() + VALID_DAYS * 86_400_000).toISOString();
    await tx.insert(associateInvitations).values({
      associateId: associate.id, legalEntityId: inviter.legalEntityId, email, tokenHash: sha256(token), invitedBy: inviter.associateId, expiresAt,
    });
    await sendInvitation(tx, config, { associateId: associate.id, email, token, expiresAt }, inviter);
    return { id: associate.id, status: 'invited' as const, expiresAt };
  });
}

/** A new link (the old one stops working) for an invitation not yet accepted, e.g. expired or declined. */
export async function resendInvitation(db: Db, config: MailConfig, inviter: Inviter, associateId: string) {
  requireMail(config);
  return db.transaction(async (tx) => {
    const token = newToken('inv');
    const expiresAt = new Date(Date.now() + VALID_DAYS * 86_400_000).toISOString();
    const [inv] = await tx.update(associateInvitations)
      .set({ tokenHash: sha256(token), expiresAt, declinedAt: null, invitedBy: inviter.associateId })
      .where(and(eq(associateInvitations.associateId, associateId), eq(associateInvitations.legalEntityId, inviter.legalEntityId), isNull(associateInvitations.acceptedAt)))
      .returning({ email: associateInvitations.email });
    if (!inv) throw authErrors.open_invitation_not_found('No open invitation for this associate.');
    await sendInvitation(tx, config, { associateId, email: inv.email, token, expiresAt }, inviter);
    return { id: associateId, status: 'invited' as const, expiresAt };
  });
}

/** Withdraws an invitation not yet accepted: the pending associate goes with it. */
export async function cancelInvitation(db: Db, legalEntityId: string, associateId: string) {
  const [open] = await db.select({ id: associateInvitations.id }).from(associateInvitations)
    .where(and(eq(associateInvitations.associateId, associateId), isNull(associateInvitations.acceptedAt)));
  // The associate goes, and their invitation with them (cascade); one who accepted meanwhile has a user and stays.
  if (!open || !(await removePendingAssociate(db, legalEntityId, associateId))) throw authErrors.open_invitation_not_found('No open invitation for this associate.');
}

type OpenInvitation = {
  id: string; associateId: string; legalEntityId: string; legalEntity: string; displayName: string; email: string; expiresAt: string;
};

async function openInvitation(db: Db, token: string, lock = false): Promise<OpenInvitation> {
  const i = associateInvitations;
  const [inv] = await query<OpenInvitation>(db, sql`
    select ${i.id} as "id", ${i.associateId} as "associateId", ${i.legalEntityId} as "legalEntityId", ${legalEntities.name} as "legalEntity",
      ${associates.displayName} as "displayName", ${i.email} as "email", ${i.expiresAt}::text as "expiresAt"
    from ${i} join ${associates} on ${associates.id} = ${i.associateId} join ${legalEntities} on ${legalEntities.id} = ${i.legalEntityId}
    where ${i.tokenHash} = ${sha256(token)} and ${i.acceptedAt} is null and ${i.declinedAt} is null and ${i.expiresAt} > now()
    ${lock ? sql`for update of ${i}` : sql``}`);
  if (!inv) throw authErrors.invitation_link_invalid(GONE);
  return inv;
}

/**
 * What the invitee sees on the link's page. Whether the address has an account is told to the holder of the link
 * only: the owner of the mailbox, who needs to know whether to choose a password or use their own.
 */
export async function describeInvitation(db: Db, token: string): Promise<Invitation> {
  const inv = await openInvitation(db, token);
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, inv.email));
  return { legalEntity: inv.legalEntity, displayName: inv.displayName, email: inv.email, expiresAt: inv.expiresAt, hasAccount: !!user };
}

/**
 * Accepts: the existing account's owner (signed in as them, or with its password), or a new account with the
 * password chosen here. Returns who to start a session for in the inviting legal entity.
 */
export async function acceptInvitation(db: Db, token: string, who: { userId: string | null; password?: string }) {
  return db.transaction(async (tx) => {
    const inv = await openInvitation(tx, token, true);
    const [user] = await tx.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, inv.email));
    let userId: string;
    if (user) {
      if (who.userId !== user.id) {
        if (!who.password) throw authErrors.invitation_needs_account_owner(`Sign in as ${inv.email}, or enter that account's password, to accept.`);
        if (!(await verifyPassword(who.password, user.passwordHash))) throw authErrors.wrong_password('The password is not right.', { field: 'password' });
      }
      userId = user.id;
      const [already] = await tx.select({ id: associates.id }).from(associates)
        .where(and(eq(associates.userId, userId), eq(associates.legalEntityId, inv.legalEntityId)));
      if (already) throw authErrors.already_associate('You are already an associate of this legal entity.');
    } else {
      if (!who.password || who.password.length < 10) throw authErrors.password_too_short('Choose a password of at least 10 characters.', { field: 'password' });
      const [created] = await tx.insert(users)
        .values({ email: inv.email, displayName: inv.displayName, passwordHash: await hashPassword(who.password) })
        .returning({ id: users.id });
      userId = created.id;
    }
    await attachUser(tx, inv.associateId, userId);
    await tx.update(associateInvitations).set({ acceptedAt: sql`now()` }).where(eq(associateInvitations.id, inv.id));
    return { userId, associateId: inv.associateId, legalEntityId: inv.legalEntityId };
  });
}

export async function declineInvitation(db: Db, token: string) {
  const i = associateInvitations;
  const rows = await db.update(i).set({ declinedAt: sql`now()` })
    .where(and(eq(i.tokenHash, sha256(token)), isNull(i.acceptedAt), isNull(i.declinedAt), gt(i.expiresAt, sql`now()`)))
    .returning({ id: i.id });
  if (!rows.length) throw authErrors.invitation_link_invalid(GONE);
}
