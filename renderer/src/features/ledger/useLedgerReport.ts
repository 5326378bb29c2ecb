// Exports the verification report of a session (JSON or HTML) and hands it to the user as a file.
import { useMutation } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { downloadText } from '../../lib/download';

export function useLedgerReport(sessionId: string) {
  const api = useApi();
  return useMutation({
    mutationFn: (format: 'json' | 'html') => api.invoke('ledger:report', { sessionId, format }),
    onSuccess: (report) =>
      downloadText(
        report.fileName,
        report.content,
        report.format === 'json' ? 'application/json' : 'text/html;charset=utf-8',
      ),
  });
}
