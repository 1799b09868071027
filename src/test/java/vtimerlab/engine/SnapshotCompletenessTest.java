package vtimerlab.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import vtimerlab.engine.core.Event;
import vtimerlab.engine.core.NotCopiedBySnapshot;
import vtimerlab.engine.kvm.KernelFunction;
import vtimerlab.engine.kvm.KvmEvent;
import vtimerlab.engine.trace.TracedFunction;

/**
 * Going back in time rests on snapshots: each part of the machine has a copy constructor, and a field it forgets to
 * copy makes a step back silently wrong. This test fills every field of every object a snapshot copies with a value
 * it does not have yet, takes a snapshot the way the machine does, restores it, and checks that each copy holds the
 * same values in objects of its own: nothing shared but what is marked {@link NotCopiedBySnapshot}, nothing lost.
 */
class SnapshotCompletenessTest {
    private static final List<String> PARTS = List.of("sim", "platform", "kvm", "guest", "checker");

    private long counter = 1000;
    private final Map<Object, Boolean> filled = new IdentityHashMap<>();
    private final Set<String> classesFilled = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();

    private long next() {
        return counter += 7;
    }

    @Test
    void everyFieldOfEverySnapshotClassIsCopied() throws Exception {
        Machine m = new Machine(new MachineConfig(2, 3, Design.OPTIMIZED, MachineConfig.DEFAULT_FREQ, 2, 50,
                Set.of(), Map.of()));
        m.execute(new Command.GuestWrite(0, TimerRegister.CNTV_TVAL_EL0, 100), new Origin("<t>", 1, "t"));
        m.execute(new Command.GuestWriteCtlFields(0, 1, 0), new Origin("<t>", 2, "t"));
        m.execute(new Command.Advance(10), new Origin("<t>", 3, "t"));

        List<Object> originals = new ArrayList<>();
        for (String part : PARTS) {
            Object o = field(Machine.class, part).get(m);
            fill(o);
            originals.add(o);
        }

        Method take = Machine.class.getDeclaredMethod("takeSnapshot");
        take.setAccessible(true);
        take.invoke(m);
        @SuppressWarnings("unchecked")
        List<Object> snapshots = (List<Object>) field(Machine.class, "snapshots").get(m);
        Object snapshot = snapshots.get(snapshots.size() - 1);
        List<Object> copies = partsOf(snapshot);
        for (int i = 0; i < PARTS.size(); i++) {
            compare(originals.get(i), copies.get(i), PARTS.get(i), new IdentityHashMap<>());
        }
        assertThat(problems).as("fields a snapshot does not copy").isEmpty();

        Method restore = Machine.class.getDeclaredMethod("restore", snapshot.getClass());
        restore.setAccessible(true);
        restore.invoke(m, snapshot);
        for (int i = 0; i < PARTS.size(); i++) {
            compare(copies.get(i), field(Machine.class, PARTS.get(i)).get(m), "restored " + PARTS.get(i),
                    new IdentityHashMap<>());
        }
        assertThat(problems).as("fields a restore does not copy").isEmpty();

        // every engine class with a copy constructor was reached and filled
        assertThat(classesFilled).containsAll(classesWithCopyConstructors());
    }

    /** The engine's classes that declare a copy constructor (their own type first). */
    private static List<String> classesWithCopyConstructors() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("vtimerlab.engine");
        List<String> out = new ArrayList<>();
        for (JavaClass c : classes) {
            boolean copy = c.getConstructors().stream().anyMatch(k -> !k.getRawParameterTypes().isEmpty()
                    && k.getRawParameterTypes().get(0).equals(c));
            if (copy) {
                out.add(c.getName());
            }
        }
        assertThat(out).hasSizeGreaterThan(15);
        return out;
    }

    private static List<Object> partsOf(Object snapshot) throws Exception {
        List<Object> out = new ArrayList<>();
        for (String part : PARTS) {
            for (RecordComponent rc : snapshot.getClass().getRecordComponents()) {
                if (rc.getName().equals(part)) {
                    Method a = rc.getAccessor();
                    a.setAccessible(true);
                    out.add(a.invoke(snapshot));
                }
            }
        }
        assertThat(out).hasSize(PARTS.size());
        return out;
    }

    // ---- filling ------------------------------------------------------------------------------------------------

    private static boolean engineObject(Object o) {
        Class<?> c = o.getClass();
        return c.getName().startsWith("vtimerlab.engine.") && !c.isEnum() && !c.isRecord() && !c.isSynthetic()
                && !c.getName().contains("$$Lambda") && c != Event.class;
    }

    private static List<Field> fields(Class<?> c) {
        List<Field> out = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                    f.setAccessible(true);
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static Field field(Class<?> c, String name) throws NoSuchFieldException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private void fill(Object o) throws Exception {
        if (o == null || filled.put(o, Boolean.TRUE) != null) {
            return;
        }
        classesFilled.add(o.getClass().getName());
        for (Field f : fields(o.getClass())) {
            if (f.isAnnotationPresent(NotCopiedBySnapshot.class)) {
                continue;
            }
            Class<?> t = f.getType();
            Object v = f.get(o);
            String where = o.getClass().getSimpleName() + "." + f.getName();
            if (t == boolean.class) {
                f.setBoolean(o, !f.getBoolean(o));
            } else if (t == int.class) {
                f.setInt(o, f.getInt(o) + (int) (next() % 1000) + 1);
            } else if (t == long.class) {
                f.setLong(o, f.getLong(o) + next());
            } else if (t.isPrimitive()) {
                problems.add(where + ": a " + t + " field the test cannot fill yet");
            } else if (t == String.class) {
                f.set(o, (v == null ? "" : v) + "~" + next());
            } else if (t.isEnum()) {
                Object[] all = t.getEnumConstants();
                f.set(o, all[(v == null ? 0 : ((Enum<?>) v).ordinal() + 1) % all.length]);
            } else if (t == TracedFunction.class) {
                f.set(o, v == KernelFunction.KVM_VCPU_BLOCK ? KernelFunction.RUN_LOOP : KernelFunction.KVM_VCPU_BLOCK);
            } else if (t == HandlerKind.class) {
                f.set(o, new HandlerKind.Periodic(next()));
            } else if (t == Event.class) {
                if (v == null) {
                    f.set(o, newEvent());
                }
            } else if (t.isArray()) {
                fillArray(f, o, v, where);
            } else if (Collection.class.isAssignableFrom(t)) {
                fillCollection(f, (Collection<?>) v, where);
            } else if (v != null && t.isRecord()) {
                continue; // an immutable value: copied by sharing, compared by equals
            } else if (v != null && engineObject(v)) {
                fill(v);
            } else {
                problems.add(where + " (" + t.getSimpleName() + "): the test cannot fill it; copy it in the copy "
                        + "constructor, or mark it @NotCopiedBySnapshot with the reason");
            }
        }
    }

    private void fillArray(Field f, Object owner, Object array, String where) throws Exception {
        Class<?> e = f.getType().getComponentType();
        if (array == null || Array.getLength(array) == 0) {
            array = Array.newInstance(e, 2);
            f.set(owner, array);
        }
        for (int i = 0; i < Array.getLength(array); i++) {
            Object el = Array.get(array, i);
            if (e == boolean.class) {
                Array.setBoolean(array, i, !Array.getBoolean(array, i));
            } else if (e == int.class) {
                Array.setInt(array, i, Array.getInt(array, i) + (int) (next() % 1000) + 1);
            } else if (e == long.class) {
                Array.setLong(array, i, Array.getLong(array, i) + next());
            } else if (e == Event.class) {
                if (el == null) {
                    Array.set(array, i, newEvent());
                }
            } else if (el != null && engineObject(el)) {
                fill(el);
            } else {
                problems.add(where + "[" + i + "]: the test cannot fill an element of " + e.getSimpleName());
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void fillCollection(Field f, Collection c, String where) throws Exception {
        Type g = f.getGenericType();
        Type element = g instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
        c.add(synthesize(element, where));
        for (Object el : c) {
            if (el instanceof int[] a) {
                for (int i = 0; i < a.length; i++) {
                    a[i] += (int) (next() % 100) + 1;
                }
            } else if (engineObject(el)) {
                fill(el);
            }
        }
    }

    private Object synthesize(Type t, String where) throws Exception {
        if (t == int[].class) {
            return new int[] {(int) next(), (int) next()};
        }
        if (t == String.class) {
            return "s" + next();
        }
        if (t == Event.class) {
            return newEvent();
        }
        if (t instanceof Class<?> c && c.isRecord()) {
            RecordComponent[] rcs = c.getRecordComponents();
            Class<?>[] types = new Class<?>[rcs.length];
            Object[] args = new Object[rcs.length];
            for (int i = 0; i < rcs.length; i++) {
                types[i] = rcs[i].getType();
                args[i] = types[i] == long.class ? next() : types[i] == int.class ? (int) next()
                        : types[i].isEnum() ? types[i].getEnumConstants()[1] : null;
            }
            Constructor<?> k = c.getDeclaredConstructor(types);
            k.setAccessible(true);
            return k.newInstance(args);
        }
        problems.add(where + ": the test cannot make an element of " + t);
        return null;
    }

    private Event newEvent() throws Exception {
        Constructor<Event> k = Event.class.getDeclaredConstructor(long.class, long.class,
                vtimerlab.engine.core.EventKind.class, int.class, int.class, long.class, long.class);
        k.setAccessible(true);
        return k.newInstance(next(), next(), KvmEvent.CPU_STEP, 1, 2, next(), next());
    }

    // ---- comparing ----------------------------------------------------------------------------------------------

    private static String eventData(Event e) {
        return e.time() + "/" + e.seq() + "/" + e.kind() + "/" + e.cpu() + "/" + e.vcpu() + "/" + e.arg() + "/"
                + e.cause();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void compare(Object a, Object b, String path, Map<Object, Object> seen) throws Exception {
        if (a == null || b == null) {
            if (a != b) {
                problems.add(path + ": " + a + " copied as " + b);
            }
            return;
        }
        if (seen.put(a, b) != null) {
            return;
        }
        if (a instanceof Event ea) {
            if (a == b) {
                problems.add(path + ": the copy shares the original's event");
            } else if (!eventData(ea).equals(eventData((Event) b))) {
                problems.add(path + ": event " + eventData(ea) + " copied as " + eventData((Event) b));
            }
            return;
        }
        Class<?> c = a.getClass();
        if (c.isArray()) {
            if (a == b && Array.getLength(a) > 0) {
                problems.add(path + ": the copy shares the original's array");
            }
            if (Array.getLength(a) != Array.getLength(b)) {
                problems.add(path + ": length " + Array.getLength(a) + " copied as " + Array.getLength(b));
                return;
            }
            for (int i = 0; i < Array.getLength(a); i++) {
                compare(Array.get(a, i), Array.get(b, i), path + "[" + i + "]", seen);
            }
            return;
        }
        if (a instanceof PriorityQueue<?> qa) {
            // the queue's copy keeps the live events only
            List<String> live = new ArrayList<>();
            for (Object e : qa) {
                if (!((Event) e).finished()) {
                    live.add(eventData((Event) e));
                }
            }
            List<String> copied = new ArrayList<>();
            for (Object e : (PriorityQueue<?>) b) {
                copied.add(eventData((Event) e));
            }
            live.sort(Comparator.naturalOrder());
            copied.sort(Comparator.naturalOrder());
            if (a == b || !live.equals(copied)) {
                problems.add(path + ": live events " + live + " copied as " + copied);
            }
            return;
        }
        if (a instanceof Collection ca) {
            if (a == b) {
                problems.add(path + ": the copy shares the original's collection");
                return;
            }
            List la = new ArrayList(ca);
            List lb = new ArrayList((Collection) b);
            if (a instanceof Set) {
                if (!new java.util.HashSet(la).equals(new java.util.HashSet(lb))) {
                    problems.add(path + ": " + la + " copied as " + lb);
                }
                return;
            }
            if (la.size() != lb.size()) {
                problems.add(path + ": " + la.size() + " elements copied as " + lb.size());
                return;
            }
            for (int i = 0; i < la.size(); i++) {
                compare(la.get(i), lb.get(i), path + "[" + i + "]", seen);
            }
            return;
        }
        if (!engineObject(a)) {
            if (!a.equals(b)) {
                problems.add(path + ": " + a + " copied as " + b);
            }
            return;
        }
        if (a == b) {
            problems.add(path + ": the copy shares the original's " + c.getSimpleName());
            return;
        }
        for (Field f : fields(c)) {
            if (f.isAnnotationPresent(NotCopiedBySnapshot.class)) {
                continue;
            }
            compare(f.get(a), f.get(b), path + "." + f.getName(), seen);
        }
    }
}
