package app.rebound.sendingserver;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.util.List;

/** Read-only for now: servers are listed and shown, never with their credentials. */
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
}
