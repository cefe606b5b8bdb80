/**
 * What the sign-in form may say. next-auth v4 hands any message thrown in `authorize` to the
 * browser, so `authorize` only ever throws one of these codes and the form turns codes into its
 * own words: a driver's or library's text can never reach the screen.
 */
export const SIGN_IN_THROTTLED = "throttled";
export const SIGN_IN_UNAVAILABLE = "unavailable";

const REF = /^unavailable:([a-z0-9]{1,12})$/;

export const signInUnavailableCode = (ref: string) => `${SIGN_IN_UNAVAILABLE}:${ref}`;

export function signInErrorText(code: string | null | undefined): string {
  if (!code || code === "CredentialsSignin") return "That email and password don't match an active account.";
  if (code === SIGN_IN_THROTTLED) return "Too many failed sign-ins from your network. Wait a minute, then try again.";
  const ref = REF.exec(code)?.[1];
  return ref ? `Sign-in is not available right now (ref ${ref}). Try again shortly.` : "Sign-in is not available right now. Try again shortly.";
}
