/** The JCA provider every signature goes through: Amazon Corretto Crypto Provider when it loads, else the JDK's. */
package dev.passkeys.crypto;
