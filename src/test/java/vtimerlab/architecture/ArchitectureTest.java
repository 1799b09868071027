package vtimerlab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import vtimerlab.engine.Design;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.core.TraceSink;
import vtimerlab.engine.guest.GuestKernel;
import vtimerlab.engine.kvm.CostModel;
import vtimerlab.engine.kvm.KernelFunction;
import vtimerlab.engine.kvm.KvmVersion;
import vtimerlab.engine.kvm.Stats;

/**
 * The layering of VTimer Lab, checked on every build.
 *
 * <pre>
 *   vtimerlab.Launcher ──► vtimerlab.cli ──► vtimerlab.lesson ──► vtimerlab.scenario ──► vtimerlab.engine
 *   vtimerlab.app (JavaFX) ──────────────────────────────────────────────────────────────┘
 * </pre>
 *
 * The engine is the model of the hardware and of KVM; everything else is a way of driving it
 * or looking at it. Rules about packages that do not exist yet pass ({@code allowEmptyShould}).
 */
@AnalyzeClasses(packages = "vtimerlab", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule only_the_app_uses_javafx = noClasses()
            .that().resideOutsideOfPackage("vtimerlab.app..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("the simulation and the command line must run on a machine with no display and no "
                    + "JavaFX: only vtimerlab.app draws; the Launcher reaches it by name through reflection")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule the_engine_depends_on_nothing_above_it = noClasses()
            .that().resideInAPackage("vtimerlab.engine..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "vtimerlab.scenario..", "vtimerlab.lesson..", "vtimerlab.cli..", "vtimerlab.app..")
            .because("the engine models the timer, the GIC and KVM; scenarios, lessons, the command line "
                    + "and the window are ways of driving and showing it, so they may change without "
                    + "touching the model")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule scenarios_know_no_user_interface = noClasses()
            .that().resideInAPackage("vtimerlab.scenario..")
            .should().dependOnClassesThat().resideInAnyPackage("vtimerlab.app..", "vtimerlab.cli..")
            .because("a scenario must give the same result whether the window or the command line runs it")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule scenarios_know_nothing_of_lessons = noClasses()
            .that().resideInAPackage("vtimerlab.scenario..")
            .should().dependOnClassesThat().resideInAnyPackage("vtimerlab.lesson..")
            .because("lessons are written in the scenario language; the language itself must not depend on the "
                    + "lesson format built on top of it")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule lessons_know_no_user_interface = noClasses()
            .that().resideInAPackage("vtimerlab.lesson..")
            .should().dependOnClassesThat().resideInAnyPackage("vtimerlab.app..", "vtimerlab.cli..")
            .because("a lesson is parsed, graded and checked the same way by 'lesson check' and by the window's "
                    + "lesson player, so the lesson layer may use the engine and the scenario language only")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule view_models_import_no_javafx = noClasses()
            .that().resideInAPackage("vtimerlab.app..")
            .and().haveNameMatching(".*ViewModel(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.kordamp..", "org.controlsfx..",
                    "atlantafx..")
            .because("a diagram's view model works out from the Frame what the diagram shows, for any CPU, so that "
                    + "it can be unit-tested without a stage and rendered anywhere; only its view draws")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule what_the_views_draw_from_is_plain_java = noClasses()
            .that().resideInAPackage("vtimerlab.app..")
            .and().haveNameMatching("vtimerlab\\.app\\.(session\\.Frame|view\\.FrameView|FrameScheduler"
                    + "|timeline\\.(CallStackModel|FunctionBar|TraceMark|TimelineColumn|TimelineLayout|TraceLines)"
                    + "|console\\.ConsoleCompletion"
                    + "|gic\\.Irq\\w+)(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.kordamp..", "org.controlsfx..",
                    "atlantafx..")
            .because("the frame, the kernel timeline's call-stack model and layout, the console's completion, PPI 27's "
                    + "states and the frame scheduler are the rules behind the views: plain Java, tested with no "
                    + "toolkit")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule only_entry_points_end_the_jvm = noClasses()
            .that().resideOutsideOfPackages("vtimerlab.cli..", "vtimerlab.app..")
            .and().doNotHaveFullyQualifiedName("vtimerlab.Launcher")
            .should().callMethod(System.class, "exit", int.class)
            .orShould().callMethod(Runtime.class, "exit", int.class)
            .orShould().callMethod(Runtime.class, "halt", int.class)
            .because("the engine, scenarios and lessons report failure by exceptions and results; only "
                    + "the entry points turn that into an exit status, so tests and the window never die "
                    + "from a System.exit deep inside")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule only_the_version_classes_know_which_version_they_are = noClasses()
            .that().resideInAnyPackage("vtimerlab.engine..", "vtimerlab.scenario..", "vtimerlab.lesson..",
                    "vtimerlab.cli..")
            .and().doNotImplement(KvmVersion.class)
            .and().doNotBelongToAnyOf(Design.class)
            .should().accessField(Design.class, "LEGACY")
            .orShould().accessField(Design.class, "OPTIMIZED")
            .because("what differs between kernel versions lives in one KvmVersion class per version (Kvm414, "
                    + "Kvm415); everything else asks the version or loops over Design.values(), so a third "
                    + "version is one class, its tests and one line in Design, not edits scattered over the engine")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule every_version_class_is_a_design = classes()
            .that().implement(KvmVersion.class)
            .should().resideInAPackage("vtimerlab.engine.kvm")
            .andShould().haveSimpleNameStartingWith("Kvm4")
            .andShould().onlyBeAccessed().byClassesThat(JavaClass.Predicates.belongToAnyOf(Design.class)
                    .or(JavaClass.Predicates.implement(KvmVersion.class)))
            .because("each kernel version is chosen by its name in the scenario language (Design), never built "
                    + "directly, so a machine cannot run a version the language cannot name")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule the_hardware_knows_nothing_of_the_hypervisor = noClasses()
            .that().resideInAPackage("vtimerlab.engine.hardware..")
            .should().dependOnClassesThat().resideInAnyPackage("vtimerlab.engine.kvm..", "vtimerlab.engine.guest..",
                    "vtimerlab.engine.check..")
            .because("the hardware layer is the silicon (timer, GIC, list registers): KVM and the guest program it; "
                    + "it never calls up into them")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule the_engines_packages_have_no_cycles = slices()
            .matching("vtimerlab.engine.(*)..")
            .should().beFreeOfCycles()
            .because("the engine's folders stack up (core and trace, hardware, kvm, guest, check, schema): each "
                    + "uses only those below it, so a piece can be read and changed without the ones above");

    @ArchTest
    static final ArchRule the_machine_hands_out_no_mutable_part = noClasses()
            .that().resideOutsideOfPackage("vtimerlab.engine..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("vtimerlab.engine.kvm..",
                            "vtimerlab.engine.hardware..", "vtimerlab.engine.guest..", "vtimerlab.engine.check..",
                            "vtimerlab.engine.core..")
                    .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(TraceEntry.class,
                            TraceSink.class, KernelFunction.class, KernelFunction[].class, CostModel.class,
                            Stats.class, GuestKernel.Observation.class))))
            .because("scenarios, lessons, the command line and the window read the machine through Machine (state "
                    + "paths, the trace, copies of its figures), never its live parts, which a step back replaces; "
                    + "only immutable values (trace lines, the kernel functions' and the cost model's enums, a copy "
                    + "of the stats, the guests' observations) cross the line")
            .allowEmptyShould(true);
}
