package app.rebound;

import app.rebound.engine.cli.ParseCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * Entry point. {@code parse PATH...} (and {@code webhook PROVIDER FILE...}) runs the bounce engine's plain-Java command without booting Quarkus (no
 * database, no HTTP); anything else starts the web application.
 */
@QuarkusMain
public class Main {
    public static void main(String... args) {
        if (args.length > 0 && "parse".equals(args[0])) {
            System.exit(ParseCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && "webhook".equals(args[0])) {
            System.exit(app.rebound.ingest.provider.WebhookCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        Quarkus.run(args);
    }
}
