package app.rebound.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Writes every String response (the rendered pages and fragments, plain-text answers) as UTF-8 bytes made by
 * {@link String#getBytes}, the JDK's vectorised encoder, and hands the array to the connection as it is.
 *
 * <p>The built-in String writer passes the String to Vert.x, which encodes it through Netty's per-character
 * {@code CharSequence} loop into a fresh buffer: for a 60 KB bounce-log page that loop was the hottest code of the
 * request under load (issue 10). The bytes on the wire are the same: UTF-8, which is also what every page's
 * {@code Content-Type} says.
 *
 * <p>It also accepts {@link TemplateInstance}: Quarkus REST chooses a resource method's writer once, at start-up, by
 * the method's declared type, and a page method declares {@code TemplateInstance}; the Qute integration renders it
 * into a String before the writer runs. Should an unrendered instance ever arrive, it is rendered here.
 */
@Provider
@Produces(MediaType.WILDCARD)
public class Utf8StringWriter implements ServerMessageBodyWriter<Object> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return writes(type);
    }

    @Override
    public void writeResponse(Object body, Type genericType, ServerRequestContext context) {
        context.serverResponse().end(bytes(body));
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return writes(type);
    }

    @Override
    public void writeTo(Object body, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        entityStream.write(bytes(body));
    }

    private static boolean writes(Class<?> type) {
        return type == String.class || TemplateInstance.class.isAssignableFrom(type);
    }

    private static byte[] bytes(Object body) {
        String text = body instanceof TemplateInstance page ? page.render() : (String) body;
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
