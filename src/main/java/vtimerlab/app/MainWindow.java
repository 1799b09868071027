package vtimerlab.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import java.util.stream.Stream;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.lesson.LessonHost;
import vtimerlab.app.lesson.LessonPanel;
import vtimerlab.app.session.Frame;
import vtimerlab.app.session.FxThread;
import vtimerlab.app.session.Session;
import vtimerlab.app.view.FrameView;
import vtimerlab.app.view.Theme;

/**
 * The main window: menus and the playback toolbar on top, the CPUs on the left, the timer, GIC and list register
 * diagrams in the middle with the kernel timeline and the console below them, the counters and "Why?" on the
 * right, a status bar at the bottom. It wires views to the session and decides nothing about the simulation.
 */
public final class MainWindow {
    public static final String STATUS_ID = "status";
    public static final Path EXAMPLES = vtimerlab.content.Shipped.examples();
    public static final Path WELCOME = EXAMPLES.resolve("expiry-optimized.scn");

    private final Stage stage;
    private final Session session = new Session();
    private final BorderPane root = new BorderPane();
    private final Scene scene;
    private final PlaybackBar playback = new PlaybackBar(session);
    private final Label status = new Label();
    private final vtimerlab.app.cpus.DiagramCpuView diagramCpu = new vtimerlab.app.cpus.DiagramCpuView(session::say);
    private final ChoiceBox<Integer> cpuChoice = diagramCpu.choice();
    private final vtimerlab.app.cpus.CpuStripView cpuStrip = new vtimerlab.app.cpus.CpuStripView();
    private final FrameScheduler scheduler = new FrameScheduler(System::nanoTime, () -> this.catchUp.start());
    private final Preferences prefs = preferences();
    private final SplitPane mainSplit = new SplitPane();
    private final SplitPane centreSplit = new SplitPane();
    private final SplitPane diagramSplit = new SplitPane();
    private final SplitPane sideSplit = new SplitPane();
    private final TabPane bottomTabs = new TabPane();
    /** The sandbox's bar: made with the centre, and in the toolbar from when it is first shown (start-up, README). */
    private SandboxBar sandbox;
    private final java.util.Map<String, Node> panels = new java.util.HashMap<>();
    private final List<vtimerlab.app.view.DiagramFit> fits = new java.util.ArrayList<>();
    private DiagramRow diagramRow;
    /** Whether the centre (diagrams, timeline, side columns) is in the window; what needs it waits in the list. */
    private boolean built;
    private final List<Runnable> whenBuilt = new java.util.ArrayList<>();
    private PresenterMode presenter;
    private LessonPanel lessons;
    /**
     * The lessons (and the teacher's folder they come from), read on another thread while the diagrams are built:
     * not sooner, as on two cores reading them took a core from the window's first frame (start-up, README).
     */
    private java.util.concurrent.CompletableFuture<vtimerlab.lesson.LessonLibrary> lessonsRead;
    private VBox toolbars;
    private Theme theme = Theme.LIGHT;
    private final WindowZoom zoom = new WindowZoom(root);
    private final vtimerlab.app.export.WindowExport export = new vtimerlab.app.export.WindowExport(this::stage,
            this::pictureTargets, session, this::drawNow, prefs);

    /** The whole window, built at once (tests, and every window but the first one a start opens). */
    public MainWindow(Stage stage) {
        this(stage, false);
    }

    /**
     * The window; with {@code centreLater} its menus, toolbar and status bar are drawn first and the diagrams,
     * timeline and side columns are built once that first frame is on the screen (start-up, README): the window is
     * there at once and fills in a moment later. What needs the centre waits for it ({@link #whenBuilt}).
     */
    public MainWindow(Stage stage, boolean centreLater) {
        this.stage = stage;
        root.setTop(new VBox(menus(), toolbar()));
        if (centreLater) {
            Label building = new Label("Drawing the diagrams\u2026");
            building.getStyleClass().add("vt-building");
            StackPane shell = new StackPane(building);
            shell.getStyleClass().add("vt-building-pane");
            root.setCenter(shell);
        }
        status.setId(STATUS_ID);
        status.getStyleClass().add("vt-status");
        status.setMaxWidth(Double.MAX_VALUE);
        status.textProperty().bind(session.statusProperty());
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox statusBar = new HBox(status, zoom.indicator());
        statusBar.getStyleClass().add("vt-status-bar");
        statusBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        root.setBottom(statusBar);
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        javafx.geometry.Dimension2D size = startSize(screen.getWidth(), screen.getHeight(),
                prefs.getDouble("width", Double.NaN), prefs.getDouble("height", Double.NaN));
        scene = new Scene(root, size.getWidth(), size.getHeight());
        theme = Theme.valueOf(prefs.get("theme", Theme.LIGHT.name()));
        theme.apply(scene);
        setZoom(prefs.getDouble("zoom", 1.0));
        export.lessonSteps(this::lessonSteps);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
        session.frameProperty().addListener((o, was, f) -> show(f));
        stage.setTitle(VTimerLabApp.TITLE);
        stage.setScene(scene);
        stage.sizeToScene(); // a stage used before (another window's) keeps its old size otherwise
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        if (centreLater) {
            vtimerlab.app.view.AfterFirstFrame.run(this::buildCentre);
        } else {
            buildCentre();
        }
        stage.setOnHidden(e -> {
            if (lessons != null) {
                lessons.flush();
            }
            rememberLayout();
            session.shutdown();
        });
    }

    /**
     * The window's size when it opens on a screen of {@code screenWidth} x {@code screenHeight} (its visual bounds):
     * the size it was left at (NaN: none yet), else nine tenths of the screen and at least 1280x800 (on a 1920x1080
     * projector the diagrams then get the room a first start should show), never larger than the screen less a title
     * bar.
     */
    static javafx.geometry.Dimension2D startSize(double screenWidth, double screenHeight, double rememberedWidth,
            double rememberedHeight) {
        double w = Double.isNaN(rememberedWidth) ? Math.max(1280, 0.9 * screenWidth) : rememberedWidth;
        double h = Double.isNaN(rememberedHeight) ? Math.max(800, 0.9 * screenHeight) : rememberedHeight;
        return new javafx.geometry.Dimension2D(Math.min(w, screenWidth), Math.min(h, screenHeight - 30));
    }

    /** Builds the diagrams, timeline and side columns into the window, then does what waited for them. */
    private void buildCentre() {
        if (built) {
            return;
        }
        readLessons();
        sandbox = new SandboxBar(session);
        sandbox.vcpuProperty().addListener((o, was, is) -> diagramCpu.setFollowed(is == null ? 0 : is));
        root.setCenter(layout());
        status.setTooltip(new Tooltip());
        status.getTooltip().textProperty().bind(session.statusProperty());
        presenter = new PresenterMode(stage, root, mainSplit, centreSplit, zoom, this::presenterNext,
                this::presenterPrevious, this::presenterCaption);
        presenter.install(scene);
        presenter.onProperty().addListener((o, was, on) -> smallestDiagramText());
        zoom.levelProperty().addListener((o, was, is) -> smallestDiagramText());
        smallestDiagramText();
        vtimerlab.app.view.GlossaryHover.install(root, vtimerlab.content.Glossary.shipped());
        built = true;
        diagramRow.fitLater();
        show(session.frame()); // a scenario opened meanwhile ran on its own thread: its frame is shown now
        List<Runnable> waiting = List.copyOf(whenBuilt);
        whenBuilt.clear();
        waiting.forEach(Runnable::run);
    }

    /**
     * How small a panel may draw its diagram: never below 12 px of text at 100 %, and as much more as the zoom asks
     * (24 px at 200 %), so that zooming grows the diagrams on the screen and not only their layout; in presenter
     * mode never below 24 px. A panel narrower than that scrolls.
     */
    private void smallestDiagramText() {
        double px = vtimerlab.app.view.DiagramFit.SMALLEST_TEXT_PX * zoom.level().factor();
        double smallest = presenterOn() ? Math.max(PresenterMode.SMALLEST_TEXT_PX, px) : px;
        fits.forEach(f -> f.setSmallestText(smallest));
    }

    /** Starts reading the lessons on another thread, once. */
    private java.util.concurrent.CompletableFuture<vtimerlab.lesson.LessonLibrary> readLessons() {
        if (lessonsRead == null) {
            lessonsRead = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    vtimerlab.lesson.LessonLibrary.forStudents(vtimerlab.lesson.LessonLibrary.teacherFolder()));
        }
        return lessonsRead;
    }

    /**
     * Runs {@code work} (on the application thread) now if the window's centre is built, else as soon as it is: a
     * menu chosen or a lesson named at start-up in the moment before the diagrams are there is not lost.
     */
    public void whenBuilt(Runnable work) {
        if (built) {
            work.run();
        } else {
            whenBuilt.add(work);
        }
    }

    public Session session() {
        return session;
    }

    public Scene scene() {
        return scene;
    }

    /** Opens the welcome example, or an empty sandbox machine if the examples are not there. */
    public void openWelcome() {
        if (Files.isReadable(WELCOME)) {
            open(WELCOME);
        } else {
            session.newMachine(vtimerlab.engine.MachineConfig.of(2, 2, vtimerlab.engine.Design.OPTIMIZED));
        }
    }

    public void open(Path file) {
        open(file, 0);
    }

    /** Opens a scenario and stands at engine event {@code at} once it is recorded. */
    public void open(Path file, long at) {
        playback.playingProperty().set(false);
        session.open(file).thenAcceptAsync(ok -> {
            if (ok) {
                stage.setTitle(VTimerLabApp.TITLE + " - " + file.getFileName());
                if (at > 0) {
                    session.seek(at);
                }
            }
        }, FxThread.EXECUTOR);
    }

    // ---- layout -------------------------------------------------------------------------------------------

    /** Puts a view in the window: it is shown every frame. */
    private Node view(Node node) {
        if (node instanceof FrameView v) {
            scheduler.add(v);
        }
        return node;
    }

    private Node panel(String name, String title, String tip, Node content) {
        Node p = panel(title, tip, content);
        p.setId("panel-" + name);
        panels.put(name, p);
        return p;
    }

    private Node panel(String title, String tip, Node content) {
        Label heading = new Label(title);
        heading.getStyleClass().add("vt-title");
        heading.setTooltip(new Tooltip(tip));
        VBox box = new VBox(6, heading, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        box.getStyleClass().add("vt-panel");
        box.setMinSize(0, 0);
        return box;
    }

    /**
     * A diagram in its panel: a panel narrower than it draws it smaller, as long as its texts stay 12 px or larger
     * ({@link vtimerlab.app.view.DiagramFit}), and scrolls only when narrower than that.
     */
    private Node scroll(Node content) {
        Node inside = content;
        if (content instanceof Region r) {
            vtimerlab.app.view.DiagramFit fit = new vtimerlab.app.view.DiagramFit(r);
            fits.add(fit);
            inside = fit;
        }
        ScrollPane sp = new ScrollPane(inside);
        sp.setFitToWidth(true);
        sp.setFitToHeight(false);
        sp.getStyleClass().add("edge-to-edge");
        return sp;
    }

    private Node layout() {
        Node cpus = panel("cpus", "CPUs and vCPUs", "What runs on each physical CPU; drag a vCPU to migrate it",
                scroll(view(ViewFactory.cpuView(session))));
        Node timer = panel("timer", "Virtual timer", "The generic timer of the chosen CPU, as a circuit",
                scroll(view(ViewFactory.timerView(cpuChoice))));
        Node gic = panel("gic", "GIC: PPI 27", "The physical timer interrupt's state in the chosen CPU's GIC",
                scroll(view(ViewFactory.gicView(cpuChoice))));
        Node lrs = panel("lrs", "List registers", "The chosen CPU's list registers and the HW link",
                scroll(view(ViewFactory.listRegisterView(cpuChoice))));
        diagramSplit.getItems().addAll(timer, gic, lrs);
        diagramRow = new DiagramRow(diagramSplit, List.of(timer, gic, lrs));
        zoom.levelProperty().addListener((o, was, is) -> diagramRow.fitLater());
        Node timeline = view(ViewFactory.timelineView());
        Node console = view(ViewFactory.consoleView(session));
        bottomTabs.getTabs().addAll(
                tab("Kernel timeline", "mdi2c-chart-timeline", "The kernel functions as they run, per CPU "
                        + "(Ctrl+1)", timeline),
                tab("Console", "mdi2c-console-line", "Every action as its scenario line; type commands here "
                        + "(Ctrl+2)", console));
        panels.put("timeline", bottomTabs);
        panels.put("console", bottomTabs);
        bottomTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        bottomTabs.getStyleClass().add("vt-bottom-tabs");
        bottomTabs.setMinHeight(0);
        centreSplit.setOrientation(Orientation.VERTICAL);
        centreSplit.getItems().addAll(diagramSplit, bottomTabs);
        Node counters = panel("counters", "Counters", "What the hypervisor's work has cost so far", scroll(view(
                ViewFactory.countersView())));
        Node why = panel("why", "Why?", "Select something on the timeline or a diagram to see what caused it",
                view(ViewFactory.whyView(session)));
        ViewFactory.connectSelection(scheduler.views(), cpuChoice);
        if (timeline instanceof vtimerlab.app.timeline.KernelTimelineView k) {
            playback.playingProperty().addListener((o, was, is) -> k.setStreaming(is));
        }
        sideSplit.getItems().addAll(cpus, counters, why);
        sideSplit.setOrientation(Orientation.VERTICAL);
        mainSplit.getItems().addAll(sideSplit, centreSplit);
        restoreLayout();
        if (prefs.getBoolean("lessons", true)) {
            FxThread.later(() -> {
                if (!lessonsShown()) {
                    toggleLessons();
                }
            });
        }
        return mainSplit;
    }

    private static Tab tab(String title, String icon, String tip, Node content) {
        Tab t = new Tab(title, content);
        t.setGraphic(new FontIcon(icon));
        t.setTooltip(new Tooltip(tip));
        if (content instanceof javafx.scene.layout.Region r) {
            r.getStyleClass().add("vt-tab-content");
        }
        return t;
    }

    /** Shows the kernel timeline (0) or the console (1) below the diagrams. */
    public void showBottom(int index) {
        bottomTabs.getSelectionModel().select(index);
    }

    private Node toolbar() {
        HBox.setHgrow(playback, Priority.ALWAYS);
        ToolBar bar = new ToolBar(playback, new Region(), diagramCpu);
        playback.setMaxWidth(Double.MAX_VALUE);
        cpuChoice.valueProperty().addListener((o, was, is) -> cpuStrip.show(session.frame(), is == null ? 0 : is));
        // every pCPU's PPI 27, LRs and timer at once (two or more pCPUs); the sandbox bar joins when first shown, so
        // a start that does not show it does not style its 90 nodes (start-up, README)
        toolbars = new VBox(bar, cpuStrip);
        return toolbars;
    }

    private MenuBar menus() {
        Menu file = new Menu("_File");
        MenuItem open = item("_Open scenario...", "mdi2f-folder-open", new KeyCodeCombination(KeyCode.O,
                KeyCombination.SHORTCUT_DOWN), this::chooseAndOpen);
        Menu examples = new Menu("Open _example");
        examples.setGraphic(new FontIcon("mdi2b-book-open-variant"));
        for (Path p : examples()) {
            MenuItem m = new MenuItem(EXAMPLES.relativize(p).toString());
            m.setOnAction(e -> open(p));
            examples.getItems().add(m);
        }
        MenuItem save = item("_Save scenario as...", "mdi2c-content-save-outline", new KeyCodeCombination(KeyCode.S,
                KeyCombination.SHORTCUT_DOWN), this::chooseAndSave);
        MenuItem newMachine = item("_New machine...", "mdi2p-plus-box", new KeyCodeCombination(KeyCode.N,
                KeyCombination.SHORTCUT_DOWN), this::newMachine);
        MenuItem quit = item("_Quit", "mdi2e-exit-to-app", new KeyCodeCombination(KeyCode.Q,
                KeyCombination.SHORTCUT_DOWN), stage::close);
        file.getItems().addAll(open, examples, save, newMachine, new SeparatorMenuItem(),
                item("Export _picture...", "mdi2i-image-outline", null, () -> export.askPicture(false)),
                item("_Copy picture...", "mdi2c-content-copy", null, () -> export.askPicture(true)),
                item("Export _animation...", "mdi2f-filmstrip", null, () -> {
                    pause(); // the animation moves through the events itself
                    export.askAnimation();
                }),
                item("Export _trace...", "mdi2c-chart-timeline", null, export::askTrace),
                new SeparatorMenuItem(), quit);

        Menu play = new Menu("_Playback");
        play.getItems().addAll(
                item("Play / pause", "mdi2p-play-pause", new KeyCodeCombination(KeyCode.P,
                        KeyCombination.SHORTCUT_DOWN), playback::togglePlay),
                item("Step forward", "mdi2s-step-forward", new KeyCodeCombination(KeyCode.RIGHT,
                        KeyCombination.SHORTCUT_DOWN), session::stepForward),
                item("Step back", "mdi2s-step-backward", new KeyCodeCombination(KeyCode.LEFT,
                        KeyCombination.SHORTCUT_DOWN), session::stepBack),
                item("To start", "mdi2s-skip-previous", new KeyCodeCombination(KeyCode.HOME,
                        KeyCombination.SHORTCUT_DOWN), session::toStart),
                item("To end", "mdi2s-skip-next", new KeyCodeCombination(KeyCode.END,
                        KeyCombination.SHORTCUT_DOWN), session::toEnd));

        Menu viewMenu = new Menu("_View");
        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem("_Light theme");
        RadioMenuItem dark = new RadioMenuItem("_Dark theme");
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        light.setSelected(theme == Theme.LIGHT);
        dark.setSelected(theme == Theme.DARK);
        light.setOnAction(e -> setTheme(Theme.LIGHT));
        dark.setOnAction(e -> setTheme(Theme.DARK));
        javafx.scene.control.CheckMenuItem present = new javafx.scene.control.CheckMenuItem("_Presenter",
                new FontIcon("mdi2p-projector-screen"));
        present.setAccelerator(new KeyCodeCombination(KeyCode.F11)); // leaving is PresenterMode's (no menu bar then)
        present.setOnAction(e -> whenBuilt(presenter::toggle));
        viewMenu.setOnShowing(e -> present.setSelected(presenterOn()));
        viewMenu.getItems().addAll(present, new SeparatorMenuItem(), light, dark, new SeparatorMenuItem(),
                zoom.menuLevel(),
                item("Zoom _in", "mdi2m-magnify-plus", new KeyCodeCombination(KeyCode.EQUALS,
                        KeyCombination.SHORTCUT_DOWN), () -> setZoom(zoom.level().in().factor())),
                item("Zoom _out", "mdi2m-magnify-minus", new KeyCodeCombination(KeyCode.MINUS,
                        KeyCombination.SHORTCUT_DOWN), () -> setZoom(zoom.level().out().factor())),
                item("_Actual size", "mdi2m-magnify", new KeyCodeCombination(KeyCode.DIGIT0,
                        KeyCombination.SHORTCUT_DOWN), () -> setZoom(1.0)),
                new SeparatorMenuItem(),
                item("Kernel _timeline", "mdi2c-chart-timeline", new KeyCodeCombination(KeyCode.DIGIT1,
                        KeyCombination.SHORTCUT_DOWN), () -> showBottom(0)),
                item("C_onsole", "mdi2c-console-line", new KeyCodeCombination(KeyCode.DIGIT2,
                        KeyCombination.SHORTCUT_DOWN), () -> {
                            showBottom(1);
                            javafx.scene.Node in = scene.lookup("#" + vtimerlab.app.console.ConsoleView.INPUT_ID);
                            if (in != null) {
                                in.requestFocus();
                            }
                        }),
                new SeparatorMenuItem(),
                item("_Compare designs side by side", "mdi2c-compare", new KeyCodeCombination(KeyCode.D,
                        KeyCombination.SHORTCUT_DOWN), this::compareDesigns),
                item("Compare _flows side by side", "mdi2c-compare-horizontal", new KeyCodeCombination(KeyCode.D,
                        KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::compareFlows));

        Menu lessonMenu = new Menu("_Lessons");
        lessonMenu.getItems().addAll(
                item("_Show lessons", "mdi2s-school-outline", new KeyCodeCombination(KeyCode.L,
                        KeyCombination.SHORTCUT_DOWN), this::toggleLessons),
                item("_Open lesson file...", "mdi2f-file-document-outline", null, this::chooseLesson),
                item("_Reload lessons", "mdi2r-refresh", null, () -> lessons().reload()));

        Menu help = new Menu("_Help");
        help.getItems().addAll(DocumentationWindow.menu(stage), item("_About VTimer Lab", "mdi2i-information-outline", null, this::about));
        MenuBar bar = new MenuBar(file, play, viewMenu, lessonMenu, help);
        help.getItems().addAll(1, List.of(
                item("_Glossary", "mdi2b-book-alphabet", null, () -> DocumentationWindow.open(
                        DocumentationWindow.GLOSSARY, stage)),
                item("_Keyboard shortcuts", "mdi2k-keyboard-outline", null, () -> KeyboardShortcuts.show(stage,
                        bar, theme))));
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private MenuItem item(String text, String icon, KeyCombination key, Runnable action) {
        MenuItem m = new MenuItem(text, new FontIcon(icon));
        if (key != null) {
            m.setAccelerator(key);
        }
        m.setOnAction(e -> whenBuilt(action));
        return m;
    }

    private static List<Path> examples() {
        if (!Files.isDirectory(EXAMPLES)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(EXAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    // ---- actions ------------------------------------------------------------------------------------------

    private void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a scenario");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Scenarios (*.scn)", "*.scn"));
        if (EXAMPLES.getFileSystem() == java.nio.file.FileSystems.getDefault() && Files.isDirectory(EXAMPLES)) {
            chooser.setInitialDirectory(EXAMPLES.toFile());
        }
        java.io.File f = chooser.showOpenDialog(stage);
        if (f != null) {
            open(f.toPath());
        }
    }

    private void chooseAndSave() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the scenario");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Scenarios (*.scn)", "*.scn"));
        chooser.setInitialFileName("my-scenario.scn");
        java.io.File f = chooser.showSaveDialog(stage);
        if (f != null) {
            saveScenario(f.toPath()).ifPresent(problem -> {
                Alert a = new Alert(Alert.AlertType.ERROR, problem);
                a.initOwner(stage);
                a.setHeaderText("The scenario was not saved");
                a.showAndWait();
            });
        }
    }

    /**
     * Writes what is loaded plus everything done since (the console's lines) as a scenario file, which opens and
     * runs to the same state. Returns the problem, if the file could not be written.
     */
    public java.util.Optional<String> saveScenario(Path file) {
        StringBuilder text = new StringBuilder("# saved from VTimer Lab (").append(
                session.frame() == null ? "sandbox" : session.frame().source()).append(")\n");
        for (String line : session.console()) {
            text.append(line).append('\n');
        }
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".vtimerlab", ".scn");
            Files.writeString(tmp, text.toString(), java.nio.charset.StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            stage.setTitle(VTimerLabApp.TITLE + " - " + file.getFileName());
            return java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.of(file + ": cannot write: " + e.getMessage());
        }
    }

    private void newMachine() {
        NewMachineDialog.show(stage).ifPresent(config -> {
            playback.playingProperty().set(false);
            session.newMachine(config);
            stage.setTitle(VTimerLabApp.TITLE + " - sandbox");
        });
    }

    /** The loaded scenario (or the sandbox's lines) in both designs, side by side. */
    public CompareWindow compareDesigns() {
        String text = String.join("\n", session.console()) + "\n";
        Frame f = session.frame();
        CompareWindow w = new CompareWindow(stage, theme, f == null ? "sandbox" : f.source(), text);
        w.show();
        return w;
    }

    /** Compare flows: the seed commit's blocking flow 1 and flow 2 side by side (either can be changed there). */
    public CompareWindow compareFlows() {
        return compareFlows(CompareWindow.example(CompareWindow.FLOW1), CompareWindow.example(CompareWindow.FLOW2));
    }

    /** Compare flows on the scenario files {@code left} and {@code right} (a lesson step's {@code compare:}). */
    public CompareWindow compareFlows(Path left, Path right) {
        CompareWindow w = CompareWindow.flows(stage, theme, left, right);
        w.show();
        return w;
    }

    private void about() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("About VTimer Lab");
        a.setHeaderText("VTimer Lab");
        a.setContentText("How Linux KVM on ARM hands the virtual timer to a guest: the change \"Avoid timer "
                + "save/restore in vcpu entry/exit\" (Linux v4.15), simulated step by step. Apache License 2.0.");
        a.showAndWait();
    }

    // ---- lessons --------------------------------------------------------------------------------------------

    /** The lesson panel (made on first use), beside the diagrams on the right. */
    public LessonPanel lessons() {
        if (lessons == null) {
            lessons = new LessonPanel(new Host(), vtimerlab.lesson.LessonLibrary.teacherFolder(),
                    LessonPanel.defaultProgressFile(),
                    readLessons().exceptionally(e -> null).join());
            lessons.setMinWidth(260);
            // a long lesson title at a large zoom is taller than its row: it must not be drawn over the toolbar
            javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
            clip.widthProperty().bind(lessons.widthProperty());
            clip.heightProperty().bind(lessons.heightProperty());
            lessons.setClip(clip);
        }
        return lessons;
    }

    /**
     * Opens a lesson by name ({@code 07-blocking-flow1}), number in the course ({@code 7}) or file, at a step (-1:
     * where the student left it).
     */
    public void openLesson(String idOrFile, int step) {
        if (!lessonsShown()) {
            toggleLessons();
        }
        LessonPanel p = lessons();
        java.util.Optional<vtimerlab.lesson.Lesson> l = vtimerlab.lesson.LessonLibrary.find(p.lessons(), idOrFile);
        if (l.isPresent()) {
            p.open(l.get(), step);
        } else {
            p.openFile(Path.of(idOrFile)); // a problem shows in the panel, FILE:LINE
        }
    }

    /** Shows or hides the lesson panel. */
    public void toggleLessons() {
        if (mainSplit.getItems().contains(lessons())) {
            mainSplit.getItems().remove(lessons);
            mainSplit.setDividerPositions(prefs.getDouble("main0", 0.22));
        } else {
            mainSplit.getItems().add(lessons);
            mainSplit.setDividerPositions(0.19, 0.74);
        }
    }

    /** Shows or hides the lesson panel. */
    public void showLessons(boolean on) {
        FxThread.later(() -> {
            if (on != lessonsShown()) {
                toggleLessons();
            }
        });
    }

    public boolean lessonsShown() {
        return lessons != null && mainSplit.getItems().contains(lessons);
    }

    private void chooseLesson() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a lesson");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Lessons (*.lesson)", "*.lesson"));
        if (Files.isDirectory(LessonPanel.defaultFolder())) {
            chooser.setInitialDirectory(LessonPanel.defaultFolder().toFile());
        }
        java.io.File f = chooser.showOpenDialog(stage);
        if (f != null) {
            if (!lessonsShown()) {
                toggleLessons();
            }
            lessons().openFile(f.toPath());
        }
    }

    /** The lesson player's view of this window. */
    private final class Host implements LessonHost {
        @Override
        public Session session() {
            return session;
        }

        @Override
        public void play() {
            Frame f = session.frame();
            if (f != null && f.atEnd()) {
                session.toEnd(); // nothing to animate: the lines ran no event, so show them done at once
            } else {
                playback.playingProperty().set(true);
            }
        }

        @Override
        public void pause() {
            playback.playingProperty().set(false);
        }

        @Override
        public Node element(String name) {
            return MainWindow.this.element(name);
        }

        @Override
        public void focusConsole() {
            showBottom(1);
            Node in = scene.lookup("#" + vtimerlab.app.console.ConsoleView.INPUT_ID);
            if (in != null) {
                in.requestFocus();
            }
        }

        @Override
        public void showTimeline() {
            showBottom(0);
        }

        @Override
        public void focusDiagrams(vtimerlab.app.cpus.DiagramCpuViewModel.Focus focus, boolean newStep) {
            diagramCpu.focus(focus, newStep);
        }

        @Override
        public void compareFlows(Path left, Path right) {
            MainWindow.this.compareFlows(left, right);
        }
    }

    /** The node that draws a diagram element, named as lessons name them (see lessons/README.md). */
    public Node element(String name) {
        // pcpu1.gic.active: the part of the diagrams, which show pcpu1 (the lesson's focus, see StepFocus)
        name = vtimerlab.lesson.DiagramElement.withoutCpu(name);
        String id = DiagramElements.nodeId(name);
        if (name.equals("console")) {
            showBottom(1);
        }
        if (id != null) {
            Node n = scene.lookup("#" + id);
            if (n != null) {
                return n;
            }
        }
        return panels.get(DiagramElements.panel(name)); // the whole panel when the part is not drawn
    }

    public void setTheme(Theme t) {
        theme = t;
        t.apply(scene);
        prefs.put("theme", t.name());
    }

    public Theme theme() {
        return theme;
    }

    /** Classroom zoom: scales every font, and so every diagram (they are drawn in ems), from 50 % to 300 %. */
    public void setZoom(double z) {
        zoom.set(new vtimerlab.app.view.ZoomLevel(z));
        prefs.putDouble("zoom", zoom.level().factor());
    }

    /** The window's zoom (1 = 100 %). */
    public double zoom() {
        return zoom.level().factor();
    }

    private void shortcut(KeyEvent e) {
        if (!built || presenterOn() || e.getTarget() instanceof TextInputControl || e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        KeyboardShortcuts.PlaybackKey key = KeyboardShortcuts.PlaybackKey.of(e.getCode());
        if (key == null) {
            return;
        }
        switch (key) {
            case SPACE -> playback.togglePlay();
            case RIGHT -> session.stepForward();
            case LEFT -> session.stepBack();
            case HOME -> session.toStart();
            case END -> session.toEnd();
        }
        e.consume();
    }

    /** The longest time one frame took the views to draw on the application thread (measurements). */
    public long longestDrawNanos() {
        return scheduler.longestDrawNanos();
    }

    public void resetDrawStats() {
        scheduler.resetDrawStats();
    }

    private void show(Frame f) {
        if (f == null || !built) {
            return;
        }
        long started = System.nanoTime();
        try {
            showNow(f);
        } finally {
            scheduler.recordDraw(System.nanoTime() - started);
        }
    }

    private void showNow(Frame f) {
        diagramCpu.show(f); // which CPU the diagrams show for this frame (DiagramCpuViewModel decides)
        cpuStrip.show(f, diagramCpu.model().choice().cpu());
        scheduler.publish(f);
        sandbox.show(f);
        if (sandbox.isVisible() && sandbox.getParent() == null) {
            toolbars.getChildren().add(sandbox);
        }
        diagramRow.fitLater(); // what a diagram needs may change with what it shows

    }

    /** Every view draws its latest frame now, and the window is laid out (before a picture is taken of it). */
    private void drawNow() {
        for (int i = 0; i < 100 && scheduler.pulse(); i++) {
            // a slow view left its frame for the next pulse: draw it now
        }
        root.applyCss();
        root.layout();
    }

    /** The parts of the window a picture can show, by the name the Export picture dialog gives them. */
    private java.util.Map<String, Node> pictureTargets() {
        java.util.Map<String, Node> t = new java.util.LinkedHashMap<>();
        t.put("Window", root);
        t.put("Virtual timer", panels.get("timer"));
        t.put("GIC", panels.get("gic"));
        t.put("List registers", panels.get("lrs"));
        t.put("Kernel timeline", bottomTabs);
        t.put("CPUs", panels.get("cpus"));
        t.put("Counters", panels.get("counters"));
        t.values().removeIf(java.util.Objects::isNull);
        return t;
    }

    private javafx.stage.Window stage() {
        return stage;
    }

    // ---- presenter mode -------------------------------------------------------------------------------------

    /** View > Presenter (F11): enters or leaves presenter mode. */
    public void togglePresenter() {
        whenBuilt(presenter::toggle);
    }

    public boolean presenterOn() {
        return presenter != null && presenter.isOn();
    }

    /** The clicker's next: the lesson's next step when a lesson is open and may go on, else one machine step. */
    private void presenterNext() {
        if (lessons != null && lessons.lesson() != null) {
            if (lessons.lookup("#" + LessonPanel.NEXT_ID) instanceof javafx.scene.control.ButtonBase b
                    && !b.isDisabled() && b.isVisible()) {
                b.fire();
            }
            return;
        }
        session.stepForward();
    }

    private void presenterPrevious() {
        if (lessons != null && lessons.lesson() != null) {
            if (lessons.lookup("#" + LessonPanel.BACK_ID) instanceof javafx.scene.control.ButtonBase b
                    && !b.isDisabled() && b.isVisible()) {
                b.fire();
            }
            return;
        }
        session.stepBack();
    }

    private PresenterCaptionViewModel presenterCaption() {
        vtimerlab.lesson.Lesson l = lessons == null ? null : lessons.lesson();
        if (l != null && lessons.currentStep() >= 0 && lessons.currentStep() < l.steps().size()) {
            int s = lessons.currentStep();
            return PresenterCaptionViewModel.lesson(l.numberedTitle(), s, l.steps().size(), l.step(s).title(),
                    lessons.stepText());
        }
        Frame f = session.frame();
        String name = stage.getTitle() == null ? "" : stage.getTitle().replace(VTimerLabApp.TITLE + " - ", "");
        return PresenterCaptionViewModel.freePlay(name, f == null ? 0 : f.event(), session.statusProperty().get());
    }

    /** Stops playing (playback stays where it is). */
    public void pause() {
        playback.playingProperty().set(false);
    }

    /** The open lesson's steps for File > Export animation; null with no lesson open. */
    private vtimerlab.app.export.WindowExport.LessonSteps lessonSteps() {
        vtimerlab.lesson.Lesson l = lessons == null ? null : lessons.lesson();
        if (l == null) {
            return null;
        }
        int at = lessons.currentStep();
        return new vtimerlab.app.export.WindowExport.LessonSteps(l, at, () -> {
            if (lessons.lesson() == l && lessons.currentStep() == at) {
                lessons.open(l, at); // the step as the lesson shows it (a prediction's answer hidden again)
            }
        });
    }

    /** File > Export picture, animation and trace (tests use it to write files without the dialogs). */
    public vtimerlab.app.export.WindowExport export() {
        return export;
    }

    /** Draws the frames that views left for later (slow views, the budget), on the next pulses; stops when none waits. */
    private final javafx.animation.AnimationTimer catchUp = new javafx.animation.AnimationTimer() {
        @Override
        public void handle(long pulse) {
            if (!scheduler.pulse()) {
                stop();
            }
        }
    };

    // ---- remembering the layout ----------------------------------------------------------------------------

    private static Preferences preferences() {
        String node = System.getProperty("vtimerlab.prefs", "vtimerlab");
        return Preferences.userRoot().node(node);
    }

    private void restoreLayout() {
        mainSplit.setDividerPositions(prefs.getDouble("main0", 0.22));
        sideSplit.setDividerPositions(prefs.getDouble("side0", 0.40), prefs.getDouble("side1", 0.68));
        centreSplit.setDividerPositions(prefs.getDouble("centre0", 0.62));
        diagramSplit.setDividerPositions(prefs.getDouble("diagram0", 0.40), prefs.getDouble("diagram1", 0.69));
        bottomTabs.getSelectionModel().select(Math.max(0, Math.min(1, prefs.getInt("bottomTab", 0))));
    }

    private void rememberLayout() {
        if (presenterOn() || !built) {
            return; // presenter mode has taken the columns out: the layout to keep is the one it will restore
        }
        if (!lessonsShown()) {
            prefs.putDouble("main0", mainSplit.getDividerPositions()[0]);
        }
        double[] side = sideSplit.getDividerPositions();
        prefs.putDouble("side0", side[0]);
        prefs.putDouble("side1", side[1]);
        prefs.putDouble("centre0", centreSplit.getDividerPositions()[0]);
        double[] d = diagramSplit.getDividerPositions();
        prefs.putDouble("diagram0", d[0]);
        prefs.putDouble("diagram1", d[1]);
        prefs.putInt("bottomTab", bottomTabs.getSelectionModel().getSelectedIndex());
        prefs.putBoolean("lessons", lessonsShown());
        prefs.putDouble("width", scene.getWidth());
        prefs.putDouble("height", scene.getHeight());
    }

    static Insets pad() {
        return new Insets(6);
    }
}
