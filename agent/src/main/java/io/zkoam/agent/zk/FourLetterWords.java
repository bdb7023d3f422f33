package io.zkoam.agent.zk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Four-letter words on the local server's client port. The AdminServer is disabled in zkoam (it is
 * unauthenticated), so these are the agent's only window on server state besides the client API. The server's
 * {@code 4lw.commands.whitelist} must list every word sent here: {@link #WHITELIST}.
 */
public final class FourLetterWords {

    /** Every word the agent sends; init writes exactly this whitelist ({@code srvr} is always on anyway). */
    public static final String WHITELIST = "ruok,srvr,mntr,conf";

    /** What every data word answers while the server is not in a quorum. */
    public static final String NOT_SERVING = "This ZooKeeper instance is not currently serving requests";

    private static final int MAX_ANSWER_BYTES = 1 << 20;

    private final InetSocketAddress server;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    public FourLetterWords(InetSocketAddress server, Duration connectTimeout, Duration readTimeout) {
        this.server = server;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
    }

    /**
     * Sends one word and returns the whole answer (the server closes the connection after it).
     *
     * @throws IOException when the server does not answer within the timeouts
     */
    public String send(String word) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(MAX_ANSWER_BYTES);
            return new String(answer, StandardCharsets.UTF_8);
        }
    }

    public InetSocketAddress server() {
        return server;
    }
}
