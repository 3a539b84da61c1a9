package dev.healthcheck.helm.run;

import dev.healthcheck.helm.Chart;
import dev.healthcheck.helm.Rendered;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What cert-manager would write for the release, made with the JDK's keytool: a CA of its own, a
 * certificate for every name of every Service of the rendering (short, with the namespace, .svc and
 * .svc.cluster.local), and the two Secrets the chart's tls values name: {@code keystore.p12} (the key
 * and its chain) and {@code truststore.p12} (the CA) as a Certificate with {@code keystores.pkcs12}
 * gives them (its tls.crt, tls.key and ca.crt, which the chart does not read, left out), and the
 * stores' password in a Secret of its own.
 */
final class ReleaseCertificates {

    static final String SECRET = "healthcheck-tls";
    static final String PASSWORD_SECRET = "healthcheck-tls-password";

    private final String password;
    private final byte[] keystore;
    private final byte[] truststore;
    private final Path truststoreFile;

    private ReleaseCertificates(String password, byte[] keystore, byte[] truststore, Path truststoreFile) {
        this.password = password;
        this.keystore = keystore;
        this.truststore = truststore;
        this.truststoreFile = truststoreFile;
    }

    /** Issues a CA and a certificate for the rendering's Services, in a directory of their own. */
    static ReleaseCertificates issue(Rendered rendered, Path directory) {
        String password = "p" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        List<String> names = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        rendered.all(io.fabric8.kubernetes.api.model.Service.class).forEach(service -> hosts.add(service.getMetadata().getName()));
        // each StatefulSet pod by its stable name under its governing Service, as a broker pair's members
        // reach each other (docs/kubernetes.md, Broker failover: the certificate must name both pods)
        for (var set : rendered.all(io.fabric8.kubernetes.api.model.apps.StatefulSet.class)) {
            int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
            for (int ordinal = 0; ordinal < replicas; ordinal++) {
                hosts.add(set.getMetadata().getName() + "-" + ordinal + "." + set.getSpec().getServiceName());
            }
        }
        for (String host : hosts) {
            for (String suffix : List.of("", "." + Chart.NAMESPACE, "." + Chart.NAMESPACE + ".svc",
                    "." + Chart.NAMESPACE + ".svc.cluster.local")) {
                names.add("dns:" + host + suffix);
            }
        }
        try {
            Files.createDirectories(directory);
            Path ca = directory.resolve("ca.p12");
            Path keystore = directory.resolve("keystore.p12");
            Path truststore = directory.resolve("truststore.p12");
            Path request = directory.resolve("release.csr");
            Path caCertificate = directory.resolve("ca.crt");
            Path certificate = directory.resolve("tls.crt");
            for (Path old : List.of(ca, keystore, truststore, request, caCertificate, certificate)) {
                Files.deleteIfExists(old);
            }
            keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=healthcheck chart-run CA", "-ext", "bc:c", "-keystore", ca.toString(), "-storepass", password);
            keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password,
                    "-file", caCertificate.toString());
            keytool("-genkeypair", "-alias", "release", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=healthcheck", "-keystore", keystore.toString(), "-storepass", password);
            keytool("-certreq", "-alias", "release", "-keystore", keystore.toString(), "-storepass", password,
                    "-file", request.toString());
            keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password,
                    "-infile", request.toString(), "-outfile", certificate.toString(), "-validity", "2",
                    "-ext", "SAN=" + String.join(",", names), "-ext", "KU=digitalSignature,keyEncipherment",
                    "-ext", "EKU=serverAuth,clientAuth");
            // the key entry's chain ends at the CA, as cert-manager's keystore.p12 carries it
            keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCertificate.toString(),
                    "-keystore", keystore.toString(), "-storepass", password);
            keytool("-importcert", "-alias", "release", "-file", certificate.toString(),
                    "-keystore", keystore.toString(), "-storepass", password);
            keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCertificate.toString(),
                    "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", password);
            return new ReleaseCertificates(password, Files.readAllBytes(keystore), Files.readAllBytes(truststore),
                    truststore.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Secrets the chart's values/tls.yaml names, as the operator's cert-manager would have made them. */
    List<Secret> secrets() {
        Base64.Encoder base64 = Base64.getEncoder();
        Secret stores = new SecretBuilder().withNewMetadata().withName(SECRET).withNamespace(Chart.NAMESPACE).endMetadata()
                .addToData("keystore.p12", base64.encodeToString(keystore))
                .addToData("truststore.p12", base64.encodeToString(truststore))
                .build();
        Secret storePassword = new SecretBuilder().withNewMetadata().withName(PASSWORD_SECRET).withNamespace(Chart.NAMESPACE)
                .endMetadata().addToData("password", base64.encodeToString(password.getBytes(StandardCharsets.UTF_8))).build();
        return List.of(stores, storePassword);
    }

    /** The CA as a PKCS12 file, for a client that takes a path (Artemis's core client), and its password. */
    Path truststoreFile() {
        return truststoreFile;
    }

    String password() {
        return password;
    }

    /** TLS for a client of the release's Services: the CA, and nothing else, trusted. */
    SSLContext clientContext() {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(new ByteArrayInputStream(truststore), password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
