package app.rebound.sendingserver;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.util.List;

/** Servers as pages see them, never with their credentials; changes go through {@code app.rebound.sending.ServerAdmin}. */
@ApplicationScoped
@Transactional
public class SendingServerService {

    public List<SendingServerView> list() {
        return SendingServer.allByName().stream().map(SendingServerView::of).toList();
    }

    /** The server, or 404: another tenant's server is invisible, not forbidden. */
    public SendingServerView get(long id) {
        SendingServer s = SendingServer.findById(id);
        if (s == null) {
            throw new NotFoundException("No sending server " + id + " in this organisation.");
        }
        return SendingServerView.of(s);
    }

    /** The edit form of a server: its settings with the secret left empty (a new one replaces it, empty keeps it). */
    public ServerSettings settings(long id) {
        SendingServer s = SendingServer.findById(id);
        if (s == null) {
            throw new NotFoundException("No sending server " + id + " in this organisation.");
        }
        return ServerSettings.of(s);
    }
}
