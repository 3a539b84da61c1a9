package dev.healthcheck.helm.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One port of a Service, as kube-proxy gives it: a TCP listener on the Service's cluster IP that hands
 * each new connection to one of the ready endpoints, in turn. With no ready endpoint the connection is
 * refused (closed at once). Connections already open stay with their pod, as with kube-proxy.
 */
final class ServiceProxy implements AutoCloseable {

    private final String name;
    private final ServerSocket listener;
    private final Supplier<List<InetSocketAddress>> endpoints;
    private final AtomicInteger next = new AtomicInteger();

    ServiceProxy(String name, InetAddress clusterIp, int port, Supplier<List<InetSocketAddress>> endpoints) throws IOException {
        this.name = name;
        this.endpoints = endpoints;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(clusterIp, port), 200);
        Thread accepting = new Thread(this::accept, "service " + name);
        accepting.setDaemon(true);
        accepting.start();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                List<InetSocketAddress> ready = endpoints.get();
                if (ready.isEmpty()) {
                    client.close();
                    continue;
                }
                InetSocketAddress endpoint = ready.get(Math.floorMod(next.getAndIncrement(), ready.size()));
                Thread connecting = new Thread(() -> forward(client, endpoint), name + " -> " + endpoint);
                connecting.setDaemon(true);
                connecting.start();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.err.println("service " + name + ": " + e);
                }
            }
        }
    }

    private static void forward(Socket client, InetSocketAddress endpoint) {
        try (client; Socket server = new Socket()) {
            server.connect(endpoint, 2_000);
            server.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
            Thread back = new Thread(() -> pump(server, client), "to client");
            back.setDaemon(true);
            back.start();
            pump(client, server);
            back.join();
        } catch (IOException ignored) {
            // the endpoint went away or refused: the client sees its connection closed, as through kube-proxy
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Copies one direction until end of stream, then half-closes the other side. */
    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // both ends are going anyway
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
