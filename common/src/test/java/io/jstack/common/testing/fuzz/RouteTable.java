package io.jstack.common.testing.fuzz;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The routes a service serves, read from its own JAX-RS resource classes: every class under the given packages
 * annotated {@code @Path}, and every public method of it carrying an HTTP method annotation ({@code @GET}, ...,
 * any annotation meta-annotated {@code @HttpMethod}). What RESTEasy Reactive builds its router from, so a route
 * added to a service is fuzzed without anyone listing it.
 */
public final class RouteTable {

    private RouteTable() {
    }

    /** The routes of the resource classes in these packages (and their sub-packages), sorted. */
    public static List<Route> scan(String... packages) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Set<String> names = new TreeSet<>();
        for (String pkg : packages) {
            names.addAll(classNames(loader, pkg));
        }
        List<Route> routes = new ArrayList<>();
        for (String name : names) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            if (type.isAnnotationPresent(Path.class) && !type.isInterface()
                    && !Modifier.isAbstract(type.getModifiers())) {
                routes.addAll(routesOf(type));
            }
        }
        routes.sort(Comparator.comparing(Route::template).thenComparing(Route::method));
        List<Route> unique = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Route r : routes) {
            if (seen.add(r.toString())) {
                unique.add(r);
            }
        }
        return unique;
    }

    /**
     * The health routes Quarkus serves (SmallRye Health: the root, liveness, readiness, startup, wellness, groups),
     * at the paths the running service's configuration gives them. The only HTTP routes of the services that have
     * no API of their own.
     */
    public static List<Route> health() {
        Config config = ConfigProvider.getConfig();
        String root = normalise(value(config, "quarkus.http.root-path", "/") + "/"
                + value(config, "quarkus.http.non-application-root-path", "q"));
        String health = under(root, value(config, "quarkus.smallrye-health.root-path", "health"));
        List<Route> routes = new ArrayList<>();
        routes.add(get(health));
        for (String[] sub : new String[][]{{"liveness-path", "live"}, {"readiness-path", "ready"},
                {"startup-path", "started"}, {"wellness-path", "well"}, {"group-path", "group"}}) {
            routes.add(get(under(health, value(config, "quarkus.smallrye-health." + sub[0], sub[1]))));
        }
        routes.add(get(under(health, value(config, "quarkus.smallrye-health.group-path", "group")) + "/{group}"));
        return routes;
    }

    private static Route get(String template) {
        return new Route("GET", template, Route.parse(template), List.of(), List.of("application/json"), Set.of(),
                Set.of(), "smallrye-health");
    }

    private static String under(String base, String path) {
        return path.startsWith("/") ? normalise(path) : normalise(base + "/" + path);
    }

    private static String value(Config config, String name, String fallback) {
        return config.getOptionalValue(name, String.class).orElse(fallback);
    }

    static List<Route> routesOf(Class<?> type) {
        String base = type.getAnnotation(Path.class).value();
        List<Route> routes = new ArrayList<>();
        Method[] methods = type.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::toString));
        for (Method m : methods) {
            String http = httpMethod(m);
            if (http == null) {
                continue;
            }
            Path sub = m.getAnnotation(Path.class);
            String template = normalise(base + "/" + (sub == null ? "" : sub.value()));
            Set<String> query = new TreeSet<>();
            Set<String> headers = new TreeSet<>();
            for (Parameter p : m.getParameters()) {
                if (p.isAnnotationPresent(QueryParam.class)) {
                    query.add(p.getAnnotation(QueryParam.class).value());
                }
                if (p.isAnnotationPresent(HeaderParam.class)) {
                    headers.add(p.getAnnotation(HeaderParam.class).value());
                }
                if (p.isAnnotationPresent(BeanParam.class)) {
                    collectBeanParams(p.getType(), query, headers);
                }
            }
            routes.add(new Route(http, template, Route.parse(template), mediaTypes(m, type, true),
                    mediaTypes(m, type, false), Collections.unmodifiableSet(query),
                    Collections.unmodifiableSet(headers), type.getSimpleName() + "." + m.getName()));
        }
        return routes;
    }

    private static void collectBeanParams(Class<?> bean, Set<String> query, Set<String> headers) {
        for (var f : bean.getDeclaredFields()) {
            if (f.isAnnotationPresent(QueryParam.class)) {
                query.add(f.getAnnotation(QueryParam.class).value());
            }
            if (f.isAnnotationPresent(HeaderParam.class)) {
                headers.add(f.getAnnotation(HeaderParam.class).value());
            }
        }
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static List<String> mediaTypes(Method m, Class<?> type, boolean consumes) {
        String[] values = null;
        if (consumes) {
            Consumes c = m.isAnnotationPresent(Consumes.class) ? m.getAnnotation(Consumes.class)
                    : type.getAnnotation(Consumes.class);
            values = c == null ? null : c.value();
        } else {
            Produces p = m.isAnnotationPresent(Produces.class) ? m.getAnnotation(Produces.class)
                    : type.getAnnotation(Produces.class);
            values = p == null ? null : p.value();
        }
        if (values == null) {
            return List.of();
        }
        return Arrays.stream(values).flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).toList();
    }

    static String normalise(String path) {
        String p = ("/" + path).replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static List<String> classNames(ClassLoader loader, String pkg) {
        String dir = pkg.replace('.', '/');
        List<String> names = new ArrayList<>();
        try {
            var urls = loader.getResources(dir);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                if (url.getProtocol().equals("file")) {
                    java.nio.file.Path root = Paths.get(url.toURI());
                    try (Stream<java.nio.file.Path> files = Files.walk(root)) {
                        files.filter(f -> f.toString().endsWith(".class")).forEach(f -> names.add(pkg + "."
                                + root.relativize(f).toString().replace('/', '.').replace(".class", "")));
                    }
                } else if (url.getProtocol().equals("jar")) {
                    JarURLConnection connection = (JarURLConnection) url.openConnection();
                    try (JarFile jar = connection.getJarFile()) {
                        jar.stream().map(e -> e.getName())
                                .filter(n -> n.startsWith(dir + "/") && n.endsWith(".class"))
                                .forEach(n -> names.add(n.replace('/', '.').replace(".class", "")));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return names.stream().filter(n -> !n.contains("$")).toList();
    }
}
