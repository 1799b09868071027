package vtimerlab.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * What ships inside the application: the lessons and the example scenarios. The build copies them from the
 * repository's {@code lessons/} and {@code assets/scenarios/} into the jar, under {@value #ROOT}, so the window and
 * the command line find them whatever folder they are started from.
 *
 * <p>Each is given as a folder {@link Path}: a plain folder when the classes run from {@code target/classes}, a
 * folder of the jar's own file system when they run from the jar (or from the installed image, which carries the
 * same jar). Either way {@code Files.list}, {@code Files.walk} and {@code Files.readString} work on it, so code that
 * reads lessons and scenarios from disk reads the shipped ones unchanged.
 */
public final class Shipped {

    /** Where the shipped content lives on the class path. */
    public static final String ROOT = "/vtimerlab/shipped";

    private static FileSystem jar;

    private Shipped() {
    }

    /** The folder of the shipped {@code *.lesson} files. */
    public static Path lessons() {
        return folder("lessons");
    }

    /** The folder of the shipped example scenarios ({@code *.scn}, the fault lab's in {@code faults/}). */
    public static Path examples() {
        return folder("examples");
    }

    private static Path folder(String name) {
        URL self = Shipped.class.getResource(Shipped.class.getSimpleName() + ".class");
        try {
            URI uri = self.toURI();
            if ("jar".equals(uri.getScheme())) {
                return jarFileSystem(uri).getPath(ROOT, name);
            }
            // a folder of classes (target/classes): climb from this class's file to the class-path root
            Path root = Path.of(uri);
            for (int i = 0; i < Shipped.class.getName().split("\\.").length; i++) {
                root = root.getParent();
            }
            return root.resolve(ROOT.substring(1)).resolve(name);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the application's own location is not a valid URI: " + self, e);
        }
    }

    private static synchronized FileSystem jarFileSystem(URI uri) {
        if (jar == null || !jar.isOpen()) {
            String s = uri.toString();
            URI root = URI.create(s.substring(0, s.indexOf("!/") + 2));
            try {
                jar = FileSystems.newFileSystem(root, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(root);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the application's jar " + root, e);
            }
        }
        return jar;
    }
}
