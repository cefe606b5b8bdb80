import bcrypt from "bcryptjs";

// Cost 12: ~250 ms per check on this hardware; slow enough to make guessing expensive.
const COST = Number(process.env.BCRYPT_COST ?? 12);

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}
