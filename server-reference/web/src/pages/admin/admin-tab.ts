/** What every admin tab is given: a way to send the admin to another tab (from a hint or a link). */
export interface AdminTabProps {
  openTab: (name: string) => void;
}
