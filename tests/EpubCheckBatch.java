import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

/**
 * Runs EPUBCheck on every EPUB named on the command line in ONE JVM (starting
 * the JVM is most of EPUBCheck's run time). Messages go to stderr as usual;
 * one "RESULT path fatals errors warnings" line per file goes to stdout.
 */
public class EpubCheckBatch {
    public static void main(String[] args) {
        for (String path : args) {
            DefaultReportImpl report = new DefaultReportImpl(path);
            new EpubCheck(new File(path), report).check();
            System.out.printf("RESULT\t%s\t%d\t%d\t%d%n", path,
                report.getFatalErrorCount(), report.getErrorCount(), report.getWarningCount());
        }
    }
}
