package dev.zisk4j.io.transport.quic;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A fresh self-signed certificate for the DNS name "localhost", made in memory each time a QUIC
 * producer binds (what ZisK's writer does with rcgen). Nothing is written to disk and no
 * keytool/openssl is run: the key is a JDK EC P-256 key, the certificate is built and signed with
 * BouncyCastle's PKIX classes.
 */
public record LocalhostCertificate(PrivateKey key, X509Certificate certificate) {

  static final String SUBJECT = "CN=localhost";
  private static final Duration VALIDITY = Duration.ofDays(365);

  /**
   * Generates a new key pair and certificate.
   *
   * @throws IllegalStateException if the JDK lacks EC P-256 or SHA256withECDSA (never on a
   *     standard JDK)
   */
  public static LocalhostCertificate generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Name subject = new X500Name(SUBJECT);
      var builder = new JcaX509v3CertificateBuilder(
          subject,
          new BigInteger(64, new SecureRandom()),
          Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(VALIDITY)),
          subject,
          pair.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
      var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
      return new LocalhostCertificate(pair.getPrivate(), certificate);
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot generate self-signed localhost certificate", e);
    }
  }
}
