package vtimerlab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import org.junit.jupiter.api.Tag;

/**
 * README promises that {@code mvn -B -ntp test -DexcludedGroups=gui} runs every test that needs no window: so every
 * test class that starts JavaFX (TestFX's extension, or a fresh JVM running the window) must carry the {@code gui}
 * tag, or the quick command silently starts windows and stops being quick.
 */
@AnalyzeClasses(packages = "vtimerlab", importOptions = ImportOption.OnlyIncludeTests.class)
class GuiTagTest {

    private static final ArchCondition<JavaClass> TAGGED_GUI = new ArchCondition<>("be tagged @Tag(\"gui\")") {
        @Override
        public void check(JavaClass c, ConditionEvents events) {
            boolean tagged = c.tryGetAnnotationOfType(Tag.class).map(t -> t.value().equals("gui")).orElse(false);
            if (!tagged) {
                events.add(SimpleConditionEvent.violated(c, c.getName() + " starts JavaFX but is not tagged gui"));
            }
        }
    };

    private static final DescribedPredicate<JavaClass> STARTS_JAVAFX =
            new DescribedPredicate<>("start JavaFX through TestFX") {
                @Override
                public boolean test(JavaClass c) {
                    return c.getDirectDependenciesFromSelf().stream()
                            .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("org.testfx"))
                            || c.getAnnotations().stream().anyMatch(a -> a.getProperties().values().stream()
                                    .anyMatch(v -> String.valueOf(v instanceof Object[] arr
                                            ? java.util.Arrays.toString(arr) : v).contains("org.testfx")));
                }
            };

    @ArchTest
    static final ArchRule testfx_test_classes_are_tagged_gui = classes()
            .that(STARTS_JAVAFX)
            .and().haveSimpleNameEndingWith("Test")
            .should(TAGGED_GUI)
            .because("the inner-loop command excludes the gui group; a window test outside it makes that command "
                    + "slow and needs a JavaFX platform")
            .allowEmptyShould(true);
}
