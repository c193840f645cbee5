package app.rebound.testsupport;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A plain SMTP client over a socket, so tests see the listener's exact replies (code and text). */
public final class SmtpSession implements Closeable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    public final String greeting;

    public SmtpSession(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
        greeting = reply();
    }

    /** Sends one command line and returns the (last line of the) reply. */
    public String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    /** Sends the message after DATA's 354 (dot-stuffed, terminated) and returns the final reply. */
    public String data(byte[] message) throws IOException {
        String go = command("DATA");
        if (!go.startsWith("354")) {
            return go;
        }
        String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n.", "\r\n..");
        if (!text.endsWith("\r\n")) {
            text += "\r\n";
        }
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    private String reply() throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    @Override
    public void close() throws IOException {
        try {
            command("QUIT");
        } catch (IOException ignored) {
            // the server may already have closed
        } finally {
            socket.close();
        }
    }
}
