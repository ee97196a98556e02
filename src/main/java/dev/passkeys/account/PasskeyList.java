package dev.passkeys.account;

import java.util.List;

/** The signed-in user's passkeys, oldest first. */
public record PasskeyList(List<PasskeyView> passkeys) {
}
