package app.rebound.sending;

import app.rebound.ingest.VerpKeys;
import app.rebound.sendingserver.RetryPolicy;
import app.rebound.sendingserver.SendingServer;
import app.rebound.sendingserver.ServerSettings;
import app.rebound.tenant.CurrentMember;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What admins change on a sending server: create, edit (a new secret is sealed, an empty one keeps the stored
 * secret), enable or disable, and test the connection. A retry-policy change re-times the server's retries that
 * are not yet due, in the same transaction as the change. Every change is all or nothing: a form with a mistake
 * saves nothing.
 */
@ApplicationScoped
@Transactional
public class ServerAdmin {
    private final SmtpSecrets secrets;
    private final SendingSql sql;
    private final SmtpSender smtp;
    private final VerpKeys verpKeys;
    private final CurrentMember member;
    private final Clock clock;

    public ServerAdmin(SmtpSecrets secrets, SendingSql sql, SmtpSender smtp, VerpKeys verpKeys, CurrentMember member,
                       @Sending Clock clock) {
        this.member = member;
        this.secrets = secrets;
        this.sql = sql;
        this.smtp = smtp;
        this.verpKeys = verpKeys;
        this.clock = clock;
    }

    /** The form cannot be saved; the messages say why, for people. */
    public static class InvalidSettings extends RuntimeException {
        private final List<String> problems;

        public InvalidSettings(List<String> problems) {
            super(String.join(" ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** What an edit did besides saving: the retries re-timed by a policy change. */
    public record Saved(long id, boolean policyChanged, SendingSql.Retimed retimed) {
    }

    /** The result of a connection test: whether it connected (and logged in), and the server's words or the error. */
    public record ConnectionTest(boolean ok, String answer) {
    }

    public long create(ServerSettings form) {
        check(form, null);
        SendingServer s = new SendingServer();
        form.applyTo(s);
        secrets.setPassword(s, form.secret());
        s.persist();
        Log.infof("Sending server %d created", s.id);
        return s.id;
    }

    public Saved update(long id, ServerSettings form) {
        SendingServer s = find(id);
        check(form, s);
        RetryPolicy before = s.retryPolicy;
        form.applyTo(s);
        if (!form.secret().isEmpty()) {
            secrets.setPassword(s, form.secret());
        } else if (s.username == null) {
            secrets.setPassword(s, null); // no user, no login: a stored secret would only linger
        }
        SendingSql.Retimed retimed = new SendingSql.Retimed(0, 0);
        if (before != s.retryPolicy) {
            retimed = sql.retimeRetries(s.tenantId, s.id,
                    s.retryPolicy.delays().stream().map(d -> d.toSeconds()).toList(), clock.instant());
        }
        Log.infof("Sending server %d updated (policy %s, %d retries re-timed)", s.id, s.retryPolicy.code(), retimed.retimed());
        return new Saved(s.id, before != s.retryPolicy, retimed);
    }

    public void setEnabled(long id, boolean enabled) {
        SendingServer s = find(id);
        s.enabled = enabled;
        Log.infof("Sending server %d %s", s.id, enabled ? "enabled" : "disabled");
    }

    /** Connects, says EHLO, logs in when a user is set, and quits; never sends mail. Outside a transaction: it waits on the network. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public ConnectionTest testConnection(long id) {
        SendingServer s = find(id);
        SmtpTarget target = smtp.targetOf(s);
        try {
            SmtpReply reply = smtp.testConnection(target);
            return new ConnectionTest(true, reply.text());
        } catch (SmtpSendException e) {
            Log.infof("Connection test of sending server %d failed at %s", s.id, e.stage());
            Throwable cause = e.getCause() == null ? null : e.getCause().getCause();
            String why = e.getMessage() + (e.reply().isEmpty() && cause != null && cause.getMessage() != null
                    ? " (" + cause.getMessage() + ")" : "");
            return new ConnectionTest(false, why);
        }
    }

    private static SendingServer find(long id) {
        SendingServer s = SendingServer.findById(id);
        if (s == null) {
            throw new NotFoundException("No sending server " + id + " in this organisation.");
        }
        return s;
    }

    private void check(ServerSettings form, SendingServer existing) {
        List<String> problems = new ArrayList<>(form.problems());
        if (!form.name().isEmpty() && SendingServer.count("lower(name) = ?1 and id <> ?2", form.name().toLowerCase(Locale.ROOT),
                existing == null ? -1L : existing.id) > 0) {
            problems.add("Name: another sending server is already called " + form.name() + ".");
        }
        if (problems.isEmpty()) {
            String domain = form.returnPathDomain().toLowerCase(Locale.ROOT);
            String tenant = existing != null ? existing.tenantId : member.currentTenantId();
            var owner = verpKeys.tenantOfDomain(domain);
            if (owner.isPresent() && !owner.get().equals(tenant)) {
                problems.add("Return-path (VERP) domain: " + domain + " is used by another Rebound account; use a domain of yours.");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettings(problems);
        }
    }
}
